using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Portable.Functions.Azure.Worker;

/// <summary>
/// Writes the worker's trigger input and trigger metadata (plain .NET values) in the custom-handler
/// payload encoding, so both modes share one trigger-to-CloudEvent mapping: text is JSON-quoted once
/// more (as the host does for custom handlers), bytes become base64, collections the JSON text of an
/// array, other values their invariant text.
/// </summary>
internal static class AzureWorkerTriggerPayload
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A document <c>{ "value": ..., "metadata": { ... } }</c>.</summary>
    public static JsonDocument Create(object? value, IReadOnlyDictionary<string, object?> metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            WriteValue(writer, value, quoteText: true);
            writer.WriteStartObject("metadata");
            foreach (var (name, item) in metadata)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, item, quoteText: false);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, bool quoteText)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(quoteText ? Quote(text) : text);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                writer.WriteBase64StringValue(memory.Span);
                break;
            case BinaryData data:
                writer.WriteBase64StringValue(data.ToMemory().Span);
                break;
            case DateTime time:
                writer.WriteStringValue(time.ToString("o", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(time.ToString("o", CultureInfo.InvariantCulture));
                break;
            case bool flag:
                writer.WriteStringValue(flag ? "true" : "false");
                break;
            case IEnumerable items:
                writer.WriteStringValue(ArrayText(items));
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    // A batch (string[], byte[][], ...) as the JSON text of an array, like the host's encoding.
    private static string ArrayText(IEnumerable items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                WriteValue(writer, item, quoteText: false);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
