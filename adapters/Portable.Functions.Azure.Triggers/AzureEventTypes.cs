namespace Portable.Functions.Azure;

/// <summary>
/// CloudEvent <c>type</c> values the Azure adapters give trigger invocations. Event Grid events keep
/// their own type (<c>eventType</c> or the CloudEvent's <c>type</c>).
/// </summary>
public static class AzureEventTypes
{
    /// <summary>A Queue Storage message.</summary>
    public const string QueueMessage = "azure.storage.queue.message";

    /// <summary>A blob that fired a blob trigger.</summary>
    public const string Blob = "azure.storage.blob";

    /// <summary>A timer tick; data is the host's timer info object.</summary>
    public const string TimerTick = "azure.functions.timer";

    /// <summary>A Service Bus message.</summary>
    public const string ServiceBusMessage = "azure.servicebus.message";

    /// <summary>An Event Hubs event.</summary>
    public const string EventHubEvent = "azure.eventhubs.event";

    /// <summary>A Kafka record that is not itself a CloudEvent (records carrying <c>ce_</c> headers or a structured CloudEvent keep their own type).</summary>
    public const string KafkaRecord = "azure.kafka.record";
}
