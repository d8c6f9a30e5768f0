using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>
/// What the invocation span says about a trigger's message: <c>faas.trigger</c> from the binding type
/// and, for queues and streams, the messaging attributes
/// (https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/; <c>servicebus</c>,
/// <c>eventhubs</c> and <c>eventgrid</c> are the conventions' names, Storage queues have none so
/// <c>azure_storage_queues</c> is used). The parent is the host's own W3C context (its call to the
/// handler carries <c>traceparent</c>).
/// </summary>
internal static class AzureMessageTelemetry
{
    /// <summary>The <c>faas.trigger</c> of a binding.</summary>
    public static FunctionTrigger Trigger(AzureBindings binding) => Describe(binding).Trigger;

    /// <summary>The messaging facts of one message, or null for a trigger that is not a queue or stream.</summary>
    public static InvocationMessage? Message(AzureBindings binding, CloudEvent cloudEvent, int batchCount)
    {
        var (_, system, destination) = Describe(binding);
        return system is null ? null : new InvocationMessage(system)
        {
            DestinationName = destination,
            MessageId = cloudEvent.Id,
            BatchMessageCount = binding.IsBatch ? batchCount : null,

            // The producer's trace the mapper took from the message's Diagnostic-Id: the span links to it.
            TraceParent = cloudEvent.GetExtensionString("traceparent"),
        };
    }

    private static (FunctionTrigger Trigger, string? System, string? Destination) Describe(AzureBindings binding) => binding.TriggerType switch
    {
        AzureTriggerTypes.Queue => (FunctionTrigger.PubSub, "azure_storage_queues", binding.GetTriggerProperty("queueName")),
        AzureTriggerTypes.ServiceBus => (FunctionTrigger.PubSub, "servicebus", binding.GetTriggerProperty("queueName") ?? binding.GetTriggerProperty("topicName")),
        AzureTriggerTypes.EventHub => (FunctionTrigger.PubSub, "eventhubs", binding.GetTriggerProperty("eventHubName")),
        AzureTriggerTypes.EventGrid => (FunctionTrigger.PubSub, "eventgrid", null),
        AzureTriggerTypes.Kafka => (FunctionTrigger.PubSub, "kafka", binding.GetTriggerProperty("topic")),
        AzureTriggerTypes.Timer => (FunctionTrigger.Timer, null, null),
        AzureTriggerTypes.Blob => (FunctionTrigger.Datasource, null, null),
        _ => (FunctionTrigger.Other, null, null),
    };
}
