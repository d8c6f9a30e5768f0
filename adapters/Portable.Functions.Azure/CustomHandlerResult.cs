using System.Text.Encodings.Web;
using System.Text.Json;

namespace Portable.Functions.Azure;

/// <summary>
/// The handler's answer to one invocation: <c>{ "Outputs": {...}, "Logs": [...], "ReturnValue": ... }</c>
/// (host: <c>HttpScriptInvocationResult</c>). HTTP results go to the named <c>res</c> output, never to
/// <c>ReturnValue</c>, whose strings the host tries to base64-decode.
/// </summary>
internal sealed class CustomHandlerResult
{
    // Only the host reads this JSON, never a browser: skip HTML-safe escaping of quotes and '<'.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<string> _logs = [];

    public HttpOutput? Http { get; set; }

    /// <summary>UTF-8 JSON for <c>ReturnValue</c> (the <c>$return</c> output), or empty for none.</summary>
    public ReadOnlyMemory<byte> ReturnValue { get; set; }

    /// <summary>Lines for <c>Logs</c>; the host writes them at Information level.</summary>
    public IReadOnlyList<string> Logs => _logs;

    public void Log(string line) => _logs.Add(line);

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Outputs");
            if (Http is { } http)
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
            foreach (var line in _logs)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("ReturnValue");
            if (ReturnValue.IsEmpty)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(ReturnValue.Span, skipInputValidation: false);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
