using System.Globalization;
using System.Text;
using System.Text.Json;
using Portable.Functions.Kafka;

namespace Portable.Functions.Azure;

/// <summary>
/// Reads one event of the Kafka trigger (https://learn.microsoft.com/azure/azure-functions/functions-bindings-kafka-trigger).
/// A non-.NET (custom handler) function gets each event as the JSON of the extension's event object,
/// often as JSON <em>text</em> (see <see cref="AzurePayload"/>), one per invocation or an array of them
/// with <c>cardinality: many</c>: <c>Offset</c>, <c>Partition</c>, <c>Topic</c>, <c>Timestamp</c>
/// (ISO 8601), <c>Key</c>, <c>Value</c> (text, or base64 with <c>dataType: binary</c>) and
/// <c>Headers</c> as <c>[{"Key": name, "Value": base64}]</c> (the extension's samples
/// <c>KafkaTriggerManyWithHeaders</c> decode header values from base64). The record becomes a
/// CloudEvent through the shared Kafka binding mapping; source <c>/kafka/{topic}#{topic}</c>.
/// </summary>
internal static class AzureKafkaMapper
{
    public static CloudEvent FromKafka(AzureBindings binding, JsonElement value)
    {
        if (!AzurePayload.TryJson(value, out var kafka) || kafka.ValueKind != JsonValueKind.Object)
        {
            throw FunctionProblemException.BadRequest($"The Kafka trigger value of '{binding.Function.Name}' must be the extension's event object (or the JSON text of one).");
        }

        var record = Read(kafka, binding.IsBinary);
        return KafkaCloudEvents.ToCloudEvent(record, "/kafka/" + record.Topic, AzureEventTypes.KafkaRecord);
    }

    /// <summary>Decodes the extension's event object; a 400 for a missing topic/partition/offset or bad base64.</summary>
    public static KafkaRecord Read(JsonElement kafka, bool binaryValue)
    {
        var topic = AzurePayload.GetText(kafka, "Topic") is { Length: > 0 } t ? t : throw FunctionProblemException.BadRequest("The Kafka event has no 'Topic'.");
        var partition = int.TryParse(AzurePayload.GetText(kafka, "Partition"), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? p
            : throw FunctionProblemException.BadRequest("The Kafka event has no valid 'Partition'.");
        var offset = long.TryParse(AzurePayload.GetText(kafka, "Offset"), NumberStyles.None, CultureInfo.InvariantCulture, out var o)
            ? o
            : throw FunctionProblemException.BadRequest("The Kafka event has no valid 'Offset'.");
        DateTimeOffset? timestamp = DateTimeOffset.TryParse(AzurePayload.GetText(kafka, "Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
        var key = AzurePayload.GetText(kafka, "Key") is { } keyText ? Encoding.UTF8.GetBytes(keyText) : null;
        var valueText = AzurePayload.TryGet(kafka, "Value", out var raw) && raw.ValueKind == JsonValueKind.String ? raw.GetString() : AzurePayload.Text(raw);
        var value = valueText is null ? [] : binaryValue ? Base64(valueText, "Value") : Encoding.UTF8.GetBytes(valueText);
        return new KafkaRecord(topic, partition, offset, timestamp, key, value, Headers(kafka));
    }

    private static List<KeyValuePair<string, byte[]>> Headers(JsonElement kafka)
    {
        var headers = new List<KeyValuePair<string, byte[]>>();
        if (!AzurePayload.TryGet(kafka, "Headers", out var raw) || !AzurePayload.TryJson(raw, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return headers;
        }

        foreach (var header in list.EnumerateArray())
        {
            var name = AzurePayload.GetText(header, "Key");
            if (string.IsNullOrEmpty(name))
            {
                throw FunctionProblemException.BadRequest("A Kafka event header has no 'Key'.");
            }

            var value = AzurePayload.TryGet(header, "Value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
            headers.Add(new(name, Base64(value, "header '" + UntrustedTextOf(name) + "'")));
        }

        return headers;
    }

    private static string UntrustedTextOf(string text) => Hosting.UntrustedText.Shorten(text);

    private static byte[] Base64(string text, string what)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException exception)
        {
            throw FunctionProblemException.BadRequest($"The Kafka event's {what} is not valid base64.", exception);
        }
    }
}
