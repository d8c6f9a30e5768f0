using System.Globalization;
using System.Text.Json;
using Portable.Functions.Hosting;
using Portable.Functions.Kafka;

namespace Portable.Functions.Aws;

/// <summary>
/// Reads one record of an Amazon MSK (<c>"eventSource": "aws:kafka"</c>) or self-managed Apache Kafka
/// (<c>"SelfManagedKafka"</c>) event. The payload, per https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html
/// and https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html: <c>records</c> is an object whose
/// members are named <c>topic-partition</c>, each an array of records with <c>topic</c>,
/// <c>partition</c>, <c>offset</c>, <c>timestamp</c> (epoch milliseconds), <c>timestampType</c>,
/// base64 <c>key</c> and <c>value</c>, and <c>headers</c> as an array of one-member objects whose value is
/// the header's bytes as an array of numbers. The record becomes a CloudEvent through the shared
/// Kafka binding mapping (<see cref="KafkaCloudEvents"/>).
/// </summary>
internal static class AwsKafkaMapper
{
    /// <summary>The type of a plain (non-CloudEvent) record's event.</summary>
    public const string KafkaRecordType = "com.amazonaws.kafka.record";

    /// <summary>The platform id of a record, for logs and telemetry: <c>topic-partition@offset</c>.</summary>
    public static string Identifier(JsonElement record, string group, int index) =>
        record.Json("topic") is { Length: > 0 } topic && Long(record, "partition") is { } partition && Long(record, "offset") is { } offset
            ? string.Create(CultureInfo.InvariantCulture, $"{topic}-{partition}@{offset}")
            : string.Create(CultureInfo.InvariantCulture, $"{group}[{index}]");

    /// <summary>Maps one record: source = the MSK cluster ARN (or <c>kafka://</c> + the first bootstrap server for self-managed Kafka) + <c>#topic</c>, type <c>com.amazonaws.kafka.record</c>.</summary>
    /// <exception cref="FunctionProblemException">400 for a record without topic/partition/offset, bad base64, or malformed headers.</exception>
    public static CloudEvent FromKafka(JsonElement root, JsonElement record) => KafkaCloudEvents.ToCloudEvent(Read(record), Source(root, record.Required("topic", "Kafka")), KafkaRecordType);

    /// <summary>Decodes the AWS envelope of one record.</summary>
    public static KafkaRecord Read(JsonElement record)
    {
        var topic = record.Required("topic", "Kafka");
        var partition = Long(record, "partition") is { } p and >= 0 and <= int.MaxValue ? (int)p : throw FunctionProblemException.BadRequest("The Kafka record has no valid 'partition'.");
        var offset = Long(record, "offset") is { } o and >= 0 ? o : throw FunctionProblemException.BadRequest("The Kafka record has no valid 'offset'.");
        var timestamp = Long(record, "timestamp") is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        var key = record.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? Base64(k.GetString()!, "key") : null;
        var value = record.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? Base64(v.GetString()!, "value") : [];
        return new KafkaRecord(topic, partition, offset, timestamp, key, value, Headers(record));
    }

    private static string Source(JsonElement root, string topic)
    {
        if (root.Json("eventSourceArn") is { Length: > 0 } arn)
        {
            return arn + "#" + topic;
        }

        // Self-managed Kafka has no ARN; its bootstrapServers is a comma-separated list.
        return root.Json("bootstrapServers") is { Length: > 0 } servers
            ? "kafka://" + servers.Split(',')[0].Trim() + "#" + topic
            : throw FunctionProblemException.BadRequest("The Kafka event has neither 'eventSourceArn' nor 'bootstrapServers'.");
    }

    /// <summary>
    /// Headers are <c>[{"name": [bytes...]}, ...]</c>; the numbers are bytes, and some producers' Java
    /// clients print them signed (-128..127), so both ranges are read.
    /// </summary>
    private static List<KeyValuePair<string, byte[]>> Headers(JsonElement record)
    {
        var headers = new List<KeyValuePair<string, byte[]>>();
        if (!record.TryGetProperty("headers", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return headers;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw FunctionProblemException.BadRequest("The Kafka record's 'headers' is not an array.");
        }

        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw FunctionProblemException.BadRequest("A Kafka record header is not an object.");
            }

            foreach (var header in entry.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.Array)
                {
                    throw FunctionProblemException.BadRequest($"The Kafka record header '{UntrustedText.Shorten(header.Name)}' is not an array of bytes.");
                }

                var bytes = new byte[header.Value.GetArrayLength()];
                var i = 0;
                foreach (var number in header.Value.EnumerateArray())
                {
                    bytes[i++] = number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var b) && b is >= -128 and <= 255
                        ? unchecked((byte)b)
                        : throw FunctionProblemException.BadRequest($"The Kafka record header '{UntrustedText.Shorten(header.Name)}' holds a value that is not a byte.");
                }

                headers.Add(new(header.Name, bytes));
            }
        }

        return headers;
    }

    private static byte[] Base64(string text, string member)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException exception)
        {
            throw FunctionProblemException.BadRequest($"The Kafka record's '{member}' is not valid base64 (Lambda always delivers Kafka keys and values base64-encoded).", exception);
        }
    }

    private static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
