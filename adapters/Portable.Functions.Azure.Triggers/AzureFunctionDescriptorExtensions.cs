namespace Portable.Functions.Azure;

/// <summary>
/// Chooses the Azure Functions trigger of a portable function. The choice is stored as
/// <see cref="FunctionDescriptor.Metadata"/> (keys in <see cref="AzureMetadataKeys"/>), so other
/// platforms ignore it; the custom-handler host generates <c>function.json</c> from it.
/// </summary>
/// <remarks>
/// HTTP and typed functions get an HTTP trigger unless told otherwise. Event functions need a trigger;
/// without one the custom handler binds them to Event Grid (never to an HTTP route), and the isolated
/// worker gives them an HTTP trigger that accepts CloudEvents by POST. Raw HTTP functions (<see cref="FunctionKind.Http"/>) cannot take a non-HTTP trigger.
/// </remarks>
public static class AzureFunctionDescriptorExtensions
{
    /// <summary>Triggers the function from an Azure Storage queue.</summary>
    /// <param name="function">An event or typed function.</param>
    /// <param name="queueName">Queue name (<c>%Setting%</c> expressions are resolved by the host).</param>
    /// <param name="connection">App setting (prefix) holding the storage connection.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">A raw HTTP function, or an empty argument.</exception>
    public static FunctionDescriptor AzureQueueTrigger(this FunctionDescriptor function, string queueName, string connection = "AzureWebJobsStorage") =>
        function.AzureTrigger(AzureTriggerTypes.Queue, new Dictionary<string, string> { ["queueName"] = queueName, ["connection"] = connection });

    /// <summary>Triggers the function from blobs matching a path; the content arrives as bytes.</summary>
    /// <param name="function">An event or typed function.</param>
    /// <param name="path">Container and name pattern, e.g. <c>inbox/{name}</c>.</param>
    /// <param name="connection">App setting (prefix) holding the storage connection.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">A raw HTTP function, or an empty argument.</exception>
    public static FunctionDescriptor AzureBlobTrigger(this FunctionDescriptor function, string path, string connection = "AzureWebJobsStorage") =>
        function.AzureTrigger(AzureTriggerTypes.Blob, new Dictionary<string, string> { ["path"] = path, ["connection"] = connection, ["dataType"] = "binary" });

    /// <summary>Triggers the function on a schedule.</summary>
    /// <param name="function">An event or typed function.</param>
    /// <param name="schedule">Six-field NCRONTAB expression, e.g. <c>0 */5 * * * *</c>, or <c>%Setting%</c>.</param>
    /// <param name="runOnStartup">Also run when the host starts (not recommended in production).</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">A raw HTTP function, or an empty schedule.</exception>
    public static FunctionDescriptor AzureTimerTrigger(this FunctionDescriptor function, string schedule, bool runOnStartup = false)
    {
        var properties = new Dictionary<string, string> { ["schedule"] = schedule };
        if (runOnStartup)
        {
            properties["runOnStartup"] = "true";
        }

        return function.AzureTrigger(AzureTriggerTypes.Timer, properties);
    }

    /// <summary>Triggers the function from a Service Bus queue, one message per invocation.</summary>
    /// <param name="function">An event or typed function.</param>
    /// <param name="queueName">Queue name.</param>
    /// <param name="connection">App setting (prefix) holding the Service Bus connection.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">A raw HTTP function, or an empty argument.</exception>
    public static FunctionDescriptor AzureServiceBusQueueTrigger(this FunctionDescriptor function, string queueName, string connection = "ServiceBusConnection") =>
        function.AzureTrigger(AzureTriggerTypes.ServiceBus, new Dictionary<string, string> { ["queueName"] = queueName, ["connection"] = connection });

    /// <summary>Triggers the function from a Service Bus topic subscription, one message per invocation.</summary>
    /// <param name="function">An event or typed function.</param>
    /// <param name="topicName">Topic name.</param>
    /// <param name="subscriptionName">Subscription name.</param>
    /// <param name="connection">App setting (prefix) holding the Service Bus connection.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">A raw HTTP function, or an empty argument.</exception>
    public static FunctionDescriptor AzureServiceBusTopicTrigger(this FunctionDescriptor function, string topicName, string subscriptionName, string connection = "ServiceBusConnection") =>
        function.AzureTrigger(AzureTriggerTypes.ServiceBus, new Dictionary<string, string> { ["topicName"] = topicName, ["subscriptionName"] = subscriptionName, ["connection"] = connection });

    /// <summary>Triggers the function from an event hub, a batch of events per invocation.</summary>
    /// <param name="function">An event or typed function.</param>
    /// <param name="eventHubName">Event hub name.</param>
    /// <param name="connection">App setting (prefix) holding the Event Hubs connection.</param>
    /// <param name="consumerGroup">Consumer group.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">A raw HTTP function, or an empty argument.</exception>
    public static FunctionDescriptor AzureEventHubTrigger(this FunctionDescriptor function, string eventHubName, string connection = "EventHubConnection", string consumerGroup = "$Default") =>
        function.AzureTrigger(AzureTriggerTypes.EventHub, new Dictionary<string, string>
        {
            ["eventHubName"] = eventHubName,
            ["connection"] = connection,
            ["consumerGroup"] = consumerGroup,
            ["cardinality"] = "many",
        });

    /// <summary>
    /// Triggers the function from an Apache Kafka topic, a batch of records per invocation, in partition
    /// order. The generated <c>function.json</c> carries an exponential-backoff retry policy that retries
    /// indefinitely: the Kafka extension commits past a record whose invocation failed once the host's
    /// retries are exhausted (https://learn.microsoft.com/azure/azure-functions/functions-bindings-error-pages,
    /// "Retries": Kafka uses the function-level retry policy), so a bounded policy would lose it.
    /// </summary>
    /// <param name="function">An event or typed function.</param>
    /// <param name="topic">Topic name.</param>
    /// <param name="brokerList">Bootstrap servers, usually an app setting reference such as <c>%BrokerList%</c>
    /// (Event Hubs' Kafka endpoint: <c>NAMESPACE.servicebus.windows.net:9093</c>).</param>
    /// <param name="consumerGroup">Consumer group.</param>
    /// <param name="username">SASL user name (Event Hubs: <c>$ConnectionString</c>), or null for none.</param>
    /// <param name="password">SASL password, an app setting reference (e.g. <c>%EventHubConnectionString%</c>), or null.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">A raw HTTP function, or an empty argument.</exception>
    public static FunctionDescriptor AzureKafkaTrigger(this FunctionDescriptor function, string topic, string brokerList = "%BrokerList%", string consumerGroup = "$Default", string? username = null, string? password = null)
    {
        var properties = new Dictionary<string, string>
        {
            ["topic"] = topic,
            ["brokerList"] = brokerList,
            ["consumerGroup"] = consumerGroup,
            ["cardinality"] = "many",
        };
        if (username is not null || password is not null)
        {
            properties["username"] = username ?? string.Empty;
            properties["password"] = password ?? string.Empty;
            properties["protocol"] = "saslSsl";
            properties["authenticationMode"] = "plain";
        }

        return function.AzureTrigger(AzureTriggerTypes.Kafka, properties);
    }

    /// <summary>Triggers the function from an Event Grid subscription (Event Grid or CloudEvents schema).</summary>
    /// <param name="function">An event or typed function.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">A raw HTTP function.</exception>
    public static FunctionDescriptor AzureEventGridTrigger(this FunctionDescriptor function) =>
        function.AzureTrigger(AzureTriggerTypes.EventGrid, new Dictionary<string, string>());

    /// <summary>Sets any trigger binding by its <c>function.json</c> type and properties.</summary>
    /// <param name="function">The function.</param>
    /// <param name="bindingType">Binding type, e.g. <c>queueTrigger</c>.</param>
    /// <param name="properties">Binding properties (<c>true</c>/<c>false</c> are written as JSON booleans).</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">A raw HTTP function with a non-HTTP trigger, or an empty value.</exception>
    public static FunctionDescriptor AzureTrigger(this FunctionDescriptor function, string bindingType, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrEmpty(bindingType);
        ArgumentNullException.ThrowIfNull(properties);
        if (function.Kind == FunctionKind.Http && bindingType != AzureTriggerTypes.Http)
        {
            throw new ArgumentException($"Function '{function.Name}' is a raw HTTP function; only event and typed functions can take a {bindingType}.", nameof(bindingType));
        }

        function.WithMetadata(AzureMetadataKeys.Trigger, bindingType);
        foreach (var (name, value) in properties)
        {
            ArgumentException.ThrowIfNullOrEmpty(value, name);
            function.WithMetadata(AzureMetadataKeys.TriggerPropertyPrefix + name, value);
        }

        return function;
    }

    /// <summary>Sets the HTTP trigger's authorization level (custom handler default: <c>AzureCustomHandlerOptions.DefaultAuthLevel</c>, <c>function</c>).</summary>
    /// <param name="function">An HTTP or typed function.</param>
    /// <param name="level"><c>anonymous</c>, <c>function</c> or <c>admin</c>.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">An unknown level.</exception>
    public static FunctionDescriptor AzureAuthLevel(this FunctionDescriptor function, string level)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (level is not ("anonymous" or "function" or "admin"))
        {
            throw new ArgumentException($"Authorization level '{level}' is not one of anonymous, function, admin.", nameof(level));
        }

        return function.WithMetadata(AzureMetadataKeys.AuthLevel, level);
    }

    /// <summary>
    /// Sends the function's result (a reply CloudEvent in structured JSON, or a typed function's output)
    /// to a Storage queue through a <c>$return</c> output binding. Without an output, results of
    /// non-HTTP triggers are discarded (and logged).
    /// </summary>
    /// <param name="function">An event or typed function with a non-HTTP trigger.</param>
    /// <param name="queueName">Queue name.</param>
    /// <param name="connection">App setting (prefix) holding the storage connection.</param>
    /// <returns>The descriptor.</returns>
    public static FunctionDescriptor AzureQueueOutput(this FunctionDescriptor function, string queueName, string connection = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        ArgumentException.ThrowIfNullOrEmpty(connection);
        return function
            .WithMetadata(AzureMetadataKeys.Output, "queue")
            .WithMetadata(AzureMetadataKeys.OutputPropertyPrefix + "queueName", queueName)
            .WithMetadata(AzureMetadataKeys.OutputPropertyPrefix + "connection", connection);
    }

    /// <summary>
    /// Sends the function's result (a reply CloudEvent in structured JSON, or a typed function's output)
    /// to a Kafka topic through a <c>$return</c> Kafka output binding; with a batch trigger, one record
    /// per result.
    /// </summary>
    /// <param name="function">An event or typed function with a non-HTTP trigger.</param>
    /// <param name="topic">Topic name.</param>
    /// <param name="brokerList">Bootstrap servers, usually an app setting reference such as <c>%BrokerList%</c>.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentException">An empty argument.</exception>
    public static FunctionDescriptor AzureKafkaOutput(this FunctionDescriptor function, string topic, string brokerList = "%BrokerList%")
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(brokerList);
        return function
            .WithMetadata(AzureMetadataKeys.Output, "kafka")
            .WithMetadata(AzureMetadataKeys.OutputPropertyPrefix + "topic", topic)
            .WithMetadata(AzureMetadataKeys.OutputPropertyPrefix + "brokerList", brokerList);
    }
}
