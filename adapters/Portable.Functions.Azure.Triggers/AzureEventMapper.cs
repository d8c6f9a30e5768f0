using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>
/// Turns the value and metadata of a non-HTTP trigger into CloudEvents: one per message, or one per
/// element of a batch (<c>cardinality: many</c>). Identity, source, subject and time come from the
/// trigger metadata where the trigger provides them (see the contract's trigger table).
/// </summary>
public static class AzureEventMapper
{
    private const string TextPlain = "text/plain; charset=utf-8";

    /// <summary>The CloudEvents of one trigger invocation: one, or one per element of a batch.</summary>
    /// <param name="binding">The function's bindings.</param>
    /// <param name="value">The trigger's value (as the custom-handler payload carries it).</param>
    /// <param name="metadata">The trigger metadata (<c>Metadata</c>), or <see langword="default"/> for none.</param>
    /// <param name="invocationId">The host's invocation id, the event id when the trigger gives none.</param>
    /// <returns>The events, in delivery order.</returns>
    /// <exception cref="FunctionProblemException">400 when the value does not have the trigger's shape.</exception>
    public static IReadOnlyList<CloudEvent> ToEvents(AzureBindings binding, JsonElement value, JsonElement metadata, string invocationId)
    {
        if (binding.TriggerType == AzureTriggerTypes.EventGrid)
        {
            return [FromEventGrid(value)];
        }

        if (!binding.IsBatch)
        {
            return [Single(binding, value, metadata, invocationId, -1)];
        }

        if (!AzurePayload.TryJson(value, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw FunctionProblemException.BadRequest($"The batch trigger value of '{binding.Function.Name}' must be a JSON array (or the JSON text of one).");
        }

        var events = new List<CloudEvent>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            events.Add(Single(binding, item, metadata, invocationId, index++));
        }

        return events;
    }

    /// <summary>How many times the trigger has delivered this input (1 = first), when it says.</summary>
    /// <param name="binding">The function's bindings.</param>
    /// <param name="metadata">The trigger metadata.</param>
    /// <returns>The attempt, or <see langword="null"/> when the trigger does not count deliveries.</returns>
    public static int? DeliveryAttempt(AzureBindings binding, JsonElement metadata)
    {
        var count = binding.TriggerType switch
        {
            AzureTriggerTypes.Queue => AzurePayload.GetText(metadata, "DequeueCount"),
            AzureTriggerTypes.ServiceBus when !binding.IsBatch => AzurePayload.GetText(metadata, "DeliveryCount"),
            _ => null,
        };
        if (int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt > 0)
        {
            return attempt;
        }

        // A host retry policy (host.json/function.json "retry") adds RetryContext; RetryCount starts at 0.
        return AzurePayload.TryGet(metadata, "RetryContext", out var retry)
            && int.TryParse(AzurePayload.GetText(retry, "RetryCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var retries)
            ? retries + 1
            : null;
    }

    private static CloudEvent Single(AzureBindings binding, JsonElement value, JsonElement metadata, string invocationId, int index)
    {
        var name = binding.Function.Name;
        switch (binding.TriggerType)
        {
            case AzureTriggerTypes.Queue:
            {
                var cloudEvent = new CloudEvent(Meta(metadata, "Id", index) ?? invocationId, "/queues/" + (binding.GetTriggerProperty("queueName") ?? name), AzureEventTypes.QueueMessage);
                SetTextData(cloudEvent, value, null);
                SetTime(cloudEvent, Meta(metadata, "InsertionTime", index));
                return cloudEvent;
            }

            case AzureTriggerTypes.Blob:
            {
                var uri = AzurePayload.GetText(metadata, "Uri");
                var cloudEvent = new CloudEvent(BlobETag(metadata) ?? invocationId, uri ?? "/blobs/" + (binding.GetTriggerProperty("path") ?? name), AzureEventTypes.Blob)
                {
                    Subject = AzurePayload.GetText(metadata, "name") ?? (uri is null ? null : Uri.UnescapeDataString(uri[(uri.LastIndexOf('/') + 1)..])),
                };
                if (binding.IsBinary)
                {
                    cloudEvent.Data = Base64(value, name);
                    cloudEvent.DataContentType = BlobContentType(metadata) ?? "application/octet-stream";
                }
                else
                {
                    SetTextData(cloudEvent, value, BlobContentType(metadata));
                }

                return cloudEvent;
            }

            case AzureTriggerTypes.Timer:
            {
                // The custom-handler payload has an object; the isolated worker gets its JSON text.
                if (!AzurePayload.TryJson(value, out var timer) || timer.ValueKind != JsonValueKind.Object)
                {
                    throw FunctionProblemException.BadRequest($"The timer value of '{name}' must be a JSON object.");
                }

                var cloudEvent = new CloudEvent(invocationId, "/timers/" + name, AzureEventTypes.TimerTick)
                {
                    DataContentType = "application/json",
                    Data = Encoding.UTF8.GetBytes(timer.GetRawText()),
                };
                if (AzurePayload.TryGet(metadata, "sys", out var sys))
                {
                    SetTime(cloudEvent, AzurePayload.GetText(sys, "UtcNow"));
                }

                return cloudEvent;
            }

            case AzureTriggerTypes.ServiceBus:
            {
                var entity = binding.GetTriggerProperty("queueName")
                    ?? $"{binding.GetTriggerProperty("topicName")}/subscriptions/{binding.GetTriggerProperty("subscriptionName")}";
                var cloudEvent = new CloudEvent(Meta(metadata, "MessageId", index) ?? Fallback(invocationId, index), "/servicebus/" + entity, AzureEventTypes.ServiceBusMessage)
                {
                    Subject = Meta(metadata, "Subject", index) ?? Meta(metadata, "Label", index),
                };
                SetTextData(cloudEvent, value, Meta(metadata, "ContentType", index));
                SetTime(cloudEvent, Meta(metadata, "EnqueuedTimeUtc", index));
                SetTraceParent(cloudEvent, MetaObject(metadata, "ApplicationProperties", index) ?? MetaObject(metadata, "UserProperties", index));
                return cloudEvent;
            }

            case AzureTriggerTypes.EventHub:
            {
                var sequence = Meta(metadata, "SequenceNumber", index);
                var partition = PartitionId(metadata);
                var id = sequence is null ? Fallback(invocationId, index) : partition is null ? sequence : partition + "-" + sequence;
                var cloudEvent = new CloudEvent(id, "/eventhubs/" + (binding.GetTriggerProperty("eventHubName") ?? name), AzureEventTypes.EventHubEvent)
                {
                    Subject = Meta(metadata, "PartitionKey", index),
                };
                if (binding.IsBinary)
                {
                    cloudEvent.Data = Base64(value, name);
                    cloudEvent.DataContentType = "application/octet-stream";
                }
                else
                {
                    SetTextData(cloudEvent, value, null);
                }

                SetTime(cloudEvent, Meta(metadata, "EnqueuedTimeUtc", index));
                SetTraceParent(cloudEvent, MetaObject(metadata, "Properties", index));
                return cloudEvent;
            }

            case AzureTriggerTypes.Kafka:
                return AzureKafkaMapper.FromKafka(binding, value);

            default:
            {
                var cloudEvent = new CloudEvent(Fallback(invocationId, index), "/functions/" + name, "azure." + binding.TriggerType);
                SetTextData(cloudEvent, value, null);
                return cloudEvent;
            }
        }
    }

    // Event Grid delivers either schema; a CloudEvents-schema event is already the neutral envelope.
    private static CloudEvent FromEventGrid(JsonElement value)
    {
        if (!AzurePayload.TryJson(value, out var json) || json.ValueKind != JsonValueKind.Object)
        {
            throw FunctionProblemException.BadRequest("The Event Grid trigger value must be a JSON object (or the JSON text of one).");
        }

        if (AzurePayload.TryGet(json, "specversion", out _))
        {
            return CloudEventJson.FromElement(json);
        }

        var id = AzurePayload.GetText(json, "id");
        var type = AzurePayload.GetText(json, "eventType");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type))
        {
            throw FunctionProblemException.BadRequest("An Event Grid event needs 'id' and 'eventType'.");
        }

        var cloudEvent = new CloudEvent(id, AzurePayload.GetText(json, "topic") is { Length: > 0 } topic ? topic : "/eventgrid", type)
        {
            Subject = AzurePayload.GetText(json, "subject"),
            DataSchema = AzurePayload.GetText(json, "dataVersion") is { Length: > 0 } version ? "#" + version : null,
        };
        if (AzurePayload.TryGet(json, "data", out var data) && data.ValueKind != JsonValueKind.Null)
        {
            cloudEvent.DataContentType = "application/json";
            cloudEvent.Data = Encoding.UTF8.GetBytes(data.GetRawText());
        }

        SetTime(cloudEvent, AzurePayload.GetText(json, "eventTime"));
        return cloudEvent;
    }

    private static void SetTextData(CloudEvent cloudEvent, JsonElement value, string? contentType)
    {
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            cloudEvent.Data = Encoding.UTF8.GetBytes(value.GetRawText());
            cloudEvent.DataContentType = contentType ?? "application/json";
            return;
        }

        var text = AzurePayload.Text(value) ?? throw FunctionProblemException.BadRequest($"The trigger value of event '{cloudEvent.Source}' is null.");

        // A message written with a byte-order mark (RFC 8259 §8.1: ignorable) is still JSON.
        text = text.StartsWith('\uFEFF') ? text[1..] : text;
        cloudEvent.Data = Encoding.UTF8.GetBytes(text);
        cloudEvent.DataContentType = contentType ?? (AzurePayload.TryParse(text, out _) ? "application/json" : TextPlain);
    }

    private static byte[] Base64(JsonElement value, string function) =>
        value.ValueKind == JsonValueKind.String && value.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw FunctionProblemException.BadRequest($"The binary trigger value of '{function}' is not a base64 string.");

    private static void SetTime(CloudEvent cloudEvent, string? text)
    {
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            cloudEvent.Time = time;
        }
    }

    /// <summary>
    /// The producer's trace: the Azure SDKs stamp each Service Bus message and Event Hubs event with a
    /// <c>Diagnostic-Id</c> application property in W3C <c>traceparent</c> form
    /// (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-end-to-end-tracing), which the
    /// trigger passes in <c>ApplicationProperties</c>/<c>UserProperties</c> (Service Bus) or <c>Properties</c>
    /// (Event Hubs). It becomes the event's <c>traceparent</c> extension (the CloudEvents distributed-tracing
    /// extension), so the message's span links to it. Anything not in W3C form (the legacy Request-Id
    /// format) is ignored.
    /// </summary>
    private static void SetTraceParent(CloudEvent cloudEvent, JsonElement? properties)
    {
        if (properties is not { } values)
        {
            return;
        }

        var traceParent = AzurePayload.GetText(values, "Diagnostic-Id") ?? AzurePayload.GetText(values, "traceparent");
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, out _))
        {
            cloudEvent.SetExtension("traceparent", traceParent);
        }
    }

    /// <summary>A metadata object: the plain key for one message, element <paramref name="index"/> of <c>{key}Array</c> in a batch.</summary>
    private static JsonElement? MetaObject(JsonElement metadata, string key, int index)
    {
        JsonElement value;
        if (index < 0)
        {
            if (!AzurePayload.TryGet(metadata, key, out var raw) || !AzurePayload.TryJson(raw, out value))
            {
                return null;
            }
        }
        else if (AzurePayload.TryGet(metadata, key + "Array", out var raw) && AzurePayload.TryJson(raw, out var array)
            && array.ValueKind == JsonValueKind.Array && index < array.GetArrayLength())
        {
            if (!AzurePayload.TryJson(array[index], out value))
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : null;
    }

    /// <summary>A metadata value: the plain key for one message, element <paramref name="index"/> of <c>{key}Array</c> in a batch.</summary>
    private static string? Meta(JsonElement metadata, string key, int index)
    {
        if (index < 0)
        {
            return AzurePayload.GetText(metadata, key);
        }

        if (AzurePayload.TryGet(metadata, key + "Array", out var raw) && AzurePayload.TryJson(raw, out var array)
            && array.ValueKind == JsonValueKind.Array && index < array.GetArrayLength())
        {
            return AzurePayload.Text(array[index]);
        }

        return null;
    }

    private static string? PartitionId(JsonElement metadata) =>
        AzurePayload.TryGet(metadata, "TriggerPartitionContext", out var raw) && AzurePayload.TryJson(raw, out var context)
            ? AzurePayload.GetText(context, "PartitionId")
            : null;

    private static string? BlobETag(JsonElement metadata) =>
        AzurePayload.TryGet(metadata, "Properties", out var raw) && AzurePayload.TryJson(raw, out var properties)
            ? AzurePayload.GetText(properties, "ETag")?.Trim('"')
            : null;

    private static string? BlobContentType(JsonElement metadata) =>
        AzurePayload.TryGet(metadata, "Properties", out var raw) && AzurePayload.TryJson(raw, out var properties)
            ? AzurePayload.GetText(properties, "ContentType")
            : null;

    private static string Fallback(string invocationId, int index) => index < 0 ? invocationId : $"{invocationId}-{index}";
}
