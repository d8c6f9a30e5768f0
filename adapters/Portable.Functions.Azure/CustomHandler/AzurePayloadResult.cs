using System.Text.Encodings.Web;
using System.Text.Json;

namespace Portable.Functions.Azure;

/// <summary>
/// The handler's answer to one invocation: <c>{ "Outputs": {...}, "Logs": [...], "ReturnValue": ... }</c>
/// (host: <c>HttpScriptInvocationResult</c>). HTTP results go to the named <c>res</c> output, never to
/// <c>ReturnValue</c>, whose strings the host tries to base64-decode.
/// </summary>
internal static class AzurePayloadResult
{
    // Only the host reads this JSON, never a browser: skip HTML-safe escaping of quotes and '<'.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The payload for the host: the HTTP output (if any), the dispatcher's logs and <c>$return</c> value.</summary>
    public static byte[] Serialize(AzureHttpOutput? output, AzureTriggerDispatcher dispatcher)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Outputs");
            if (output is { } http)
            {
                writer.WriteStartObject(AzureBindings.HttpOutputName);
                writer.WriteNumber("statusCode", http.StatusCode);
                writer.WriteStartObject("headers");
                foreach (var (name, value) in http.Headers)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
                if (http.Body is not null)
                {
                    writer.WriteString("body", http.Body);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("Logs");
            foreach (var line in dispatcher.Logs)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("ReturnValue");
            if (dispatcher.ReturnValue.IsEmpty)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(dispatcher.ReturnValue.Span, skipInputValidation: false);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
