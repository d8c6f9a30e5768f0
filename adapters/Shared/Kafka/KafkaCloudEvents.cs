using System.Globalization;
using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Kafka;

/// <summary>
/// Maps a Kafka record to a CloudEvent the same way on every platform, after the CloudEvents Kafka
/// protocol binding (https://github.com/cloudevents/spec/blob/main/cloudevents/bindings/kafka-protocol-binding.md):
/// <list type="bullet">
/// <item>a <c>content-type</c> header starting with <c>application/cloudevents</c> (case-insensitive,
/// §3) is structured mode: the value is the event in the JSON format (§3.3); another event format is
/// treated as a plain record, as §3 allows;</item>
/// <item>a <c>ce_specversion</c> header is binary mode (§3.2): <c>ce_*</c> headers are the attributes
/// (§3.2.3.1, UTF-8 values, no percent-encoding unlike HTTP), <c>content-type</c> is
/// <c>datacontenttype</c> (§3.2.1), the value is <c>data</c> (§3.2.2);</item>
/// <item>any other record is wrapped the way Knative's KafkaSource wraps one
/// (https://knative.dev/docs/eventing/sources/kafka-source/, its event display output): id
/// <c>partition:P/offset:O</c>, subject <c>partition:P#O</c>, source ending in <c>#topic</c>, the
/// record key as the <c>key</c> and <c>partitionkey</c> extensions (the binding's §3.1 key mapping,
/// read backwards), other headers as <c>kafkaheader{name}</c> extensions, time = the record timestamp.</item>
/// </list>
/// </summary>
internal static class KafkaCloudEvents
{
    private const string ContentTypeHeader = "content-type";

    /// <summary>The id of a plain record's event: <c>partition:P/offset:O</c> (unique within the topic's source).</summary>
    public static string Id(int partition, long offset) => string.Create(CultureInfo.InvariantCulture, $"partition:{partition}/offset:{offset}");

    /// <summary>Maps one record.</summary>
    /// <param name="record">The decoded record.</param>
    /// <param name="source">The source of a plain record's event (the platform's cluster, ending in <c>#topic</c>).</param>
    /// <param name="type">The type of a plain record's event.</param>
    /// <returns>The event.</returns>
    /// <exception cref="FunctionProblemException">400 when a record claims to be a CloudEvent but is not a valid one.</exception>
    public static CloudEvent ToCloudEvent(KafkaRecord record, string source, string type)
    {
        var contentType = Header(record, ContentTypeHeader);
        if (contentType is not null && contentType.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase) && IsJsonFormat(contentType))
        {
            return CloudEventJson.Parse(WithoutBom(record.Value));
        }

        if (Header(record, "ce_specversion") is not null)
        {
            return FromBinary(record, contentType);
        }

        var value = WithoutBom(record.Value);
        var cloudEvent = new CloudEvent(Id(record.Partition, record.Offset), source, type)
        {
            Subject = string.Create(CultureInfo.InvariantCulture, $"partition:{record.Partition}#{record.Offset}"),
            Time = record.Timestamp,
            DataContentType = contentType ?? (IsJson(value) ? "application/json" : value.Length == 0 ? null : "application/octet-stream"),
            Data = value,
        };
        if (record.Key is { } key)
        {
            var text = KeyText(key);
            cloudEvent.SetExtension("key", text);
            cloudEvent.SetExtension("partitionkey", text);
        }

        foreach (var (name, bytes) in record.Headers)
        {
            var extension = HeaderExtensionName(name);
            if (extension is not null && !name.Equals(ContentTypeHeader, StringComparison.OrdinalIgnoreCase) && Utf8(bytes) is { } text && !cloudEvent.Extensions.ContainsKey(extension))
            {
                cloudEvent.SetExtension(extension, text);
            }
        }

        return cloudEvent;
    }

    /// <summary>Binary mode (§3.2): every <c>ce_</c> header is an attribute; id, source and type are required.</summary>
    private static CloudEvent FromBinary(KafkaRecord record, string? contentType)
    {
        var specVersion = Header(record, "ce_specversion");
        if (specVersion != "1.0")
        {
            throw FunctionProblemException.BadRequest($"Unsupported CloudEvents specversion '{UntrustedText.Shorten(specVersion ?? string.Empty)}' in the record's ce_specversion header; only 1.0 is supported.");
        }

        var cloudEvent = new CloudEvent(RequiredHeader(record, "ce_id"), RequiredHeader(record, "ce_source"), RequiredHeader(record, "ce_type"))
        {
            DataContentType = contentType,
            DataSchema = Header(record, "ce_dataschema"),
            Subject = Header(record, "ce_subject"),
            Data = record.Value,
        };
        if (Header(record, "ce_time") is { } time)
        {
            cloudEvent.Time = DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) && time.Contains('T', StringComparison.OrdinalIgnoreCase)
                ? parsed
                : throw FunctionProblemException.BadRequest($"The record's ce_time header is not an RFC 3339 timestamp: '{UntrustedText.Shorten(time)}'.");
        }

        foreach (var (name, bytes) in record.Headers)
        {
            if (name.Length <= 3 || !name.StartsWith("ce_", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var attribute = name[3..].ToLowerInvariant();
            if (attribute is "specversion" or "id" or "source" or "type" or "dataschema" or "subject" or "time")
            {
                continue;
            }

            if (attribute == "datacontenttype")
            {
                throw FunctionProblemException.BadRequest("Binary-mode Kafka CloudEvents carry the content type in the content-type header, not ce_datacontenttype (binding §3.2.1).");
            }

            if (!CloudEvent.IsValidExtensionName(attribute))
            {
                throw FunctionProblemException.BadRequest($"'{UntrustedText.Shorten(name)}' is not a valid CloudEvents attribute header.");
            }

            cloudEvent.SetExtension(attribute, Utf8(bytes) ?? throw FunctionProblemException.BadRequest($"The record's '{UntrustedText.Shorten(name)}' header is not UTF-8 (binding §3.2.3)."));
        }

        return cloudEvent;
    }

    /// <summary>The last value of a header as UTF-8 text, or null when absent (names match case-insensitively).</summary>
    private static string? Header(KafkaRecord record, string name)
    {
        for (var i = record.Headers.Count - 1; i >= 0; i--)
        {
            if (record.Headers[i].Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Utf8(record.Headers[i].Value) ?? throw FunctionProblemException.BadRequest($"The record's '{name}' header is not UTF-8.");
            }
        }

        return null;
    }

    private static string RequiredHeader(KafkaRecord record, string name) => Header(record, name) is { Length: > 0 } value
        ? value
        : throw FunctionProblemException.BadRequest($"The record has ce_specversion but no '{name}' header, which a binary-mode CloudEvent needs (binding §3.2.3).");

    private static bool IsJsonFormat(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/cloudevents+json", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/cloudevents", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Knative's naming for a header extension: <c>kafkaheader</c> + the name's lowercase letters and digits.</summary>
    private static string? HeaderExtensionName(string header)
    {
        var builder = new StringBuilder("kafkaheader", 11 + header.Length);
        foreach (var c in header)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        var name = builder.ToString();
        return name.Length > 11 && CloudEvent.IsValidExtensionName(name) ? name : null;
    }

    /// <summary>A UTF-8 key as text; any other key base64-encoded, so the extension stays a string.</summary>
    private static string KeyText(byte[] key) => Utf8(key) ?? Convert.ToBase64String(key);

    private static string? Utf8(byte[] bytes) => System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>A leading UTF-8 byte-order mark is dropped (RFC 8259 §8.1), so JSON stays JSON.</summary>
    private static byte[] WithoutBom(byte[] bytes) => bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    private static bool IsJson(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            while (reader.Read())
            {
            }

            return reader.BytesConsumed == bytes.Length || bytes[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
