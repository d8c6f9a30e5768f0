namespace Portable.Functions.Azure;

/// <summary>The <c>function.json</c> trigger binding types the Azure adapters map to CloudEvents.</summary>
public static class AzureTriggerTypes
{
    /// <summary>HTTP (the default for HTTP and typed functions).</summary>
    public const string Http = "httpTrigger";

    /// <summary>Azure Queue Storage.</summary>
    public const string Queue = "queueTrigger";

    /// <summary>Azure Blob Storage.</summary>
    public const string Blob = "blobTrigger";

    /// <summary>Timer (NCRONTAB schedule).</summary>
    public const string Timer = "timerTrigger";

    /// <summary>Azure Service Bus queue or topic subscription.</summary>
    public const string ServiceBus = "serviceBusTrigger";

    /// <summary>Azure Event Hubs.</summary>
    public const string EventHub = "eventHubTrigger";

    /// <summary>
    /// Apache Kafka (the Kafka extension, in the extension bundle; Confluent, a self-hosted cluster, or
    /// Event Hubs through its Kafka endpoint).
    /// </summary>
    public const string Kafka = "kafkaTrigger";

    /// <summary>Azure Event Grid.</summary>
    public const string EventGrid = "eventGridTrigger";
}
