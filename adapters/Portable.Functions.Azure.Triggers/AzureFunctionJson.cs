using System.Text.Json;

namespace Portable.Functions.Azure;

/// <summary>
/// Writes a function's Azure bindings as <c>function.json</c> entries: the one writer behind the custom
/// handler's metadata files and the isolated worker's function indexing, so the two cannot disagree.
/// </summary>
public static class AzureFunctionJson
{
    private static readonly JsonWriterOptions s_indented = new() { Indented = true };

    /// <summary>
    /// The <c>function.json</c> of one function: the trigger binding (with route, methods and auth level
    /// for HTTP), then the named <c>res</c> HTTP output or the <c>$return</c> output binding.
    /// </summary>
    /// <param name="binding">The function's bindings.</param>
    /// <returns>Indented UTF-8 JSON.</returns>
    public static byte[] Write(AzureBindings binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return Write(binding, AzureBindings.HttpOutputName, s_indented);
    }

    /// <summary>
    /// The bindings as the isolated worker reports them at indexing: the same entries, but the HTTP output
    /// is <c>$return</c> (the worker returns typed HTTP data, so the custom-handler base64 trap does not apply).
    /// </summary>
    /// <param name="binding">The function's bindings.</param>
    /// <returns>One JSON object per binding.</returns>
    public static IReadOnlyList<string> RawBindings(AzureBindings binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        using var document = JsonDocument.Parse(Write(binding, "$return", default));
        return document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.GetRawText()).ToList();
    }

    private static byte[] Write(AzureBindings binding, string httpOutputName, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("bindings");
            writer.WriteStartObject();
            writer.WriteString("type", binding.TriggerType);
            writer.WriteString("direction", "in");
            writer.WriteString("name", binding.TriggerName);
            if (binding.IsHttp)
            {
                writer.WriteString("authLevel", binding.AuthLevel);
                if (binding.Methods.Count > 0)
                {
                    writer.WriteStartArray("methods");
                    foreach (var method in binding.Methods)
                    {
                        writer.WriteStringValue(method);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteString("route", binding.Route);
            }

            WriteProperties(writer, binding.TriggerProperties);
            writer.WriteEndObject();

            if (binding.IsHttp)
            {
                // Always a named HTTP output: the host base64-decodes string bodies given via $return.
                writer.WriteStartObject();
                writer.WriteString("type", "http");
                writer.WriteString("direction", "out");
                writer.WriteString("name", httpOutputName);
                writer.WriteEndObject();
            }
            else if (binding.OutputType is { } outputType)
            {
                writer.WriteStartObject();
                writer.WriteString("type", outputType);
                writer.WriteString("direction", "out");
                writer.WriteString("name", "$return");
                WriteProperties(writer, binding.OutputProperties);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (binding.TriggerType == AzureTriggerTypes.Kafka && httpOutputName == AzureBindings.HttpOutputName)
            {
                // The Kafka extension moves past a failed record once the host gives up; the function-level
                // retry policy is what keeps it (functions-bindings-error-pages, "Retries"): retry forever,
                // backing off, so a failed record blocks its partition instead of being lost.
                writer.WriteStartObject("retry");
                writer.WriteString("strategy", "exponentialBackoff");
                writer.WriteNumber("maxRetryCount", -1);
                writer.WriteString("minimumInterval", "00:00:05");
                writer.WriteString("maximumInterval", "00:15:00");
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> properties)
    {
        foreach (var (name, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is "true" or "false")
            {
                writer.WriteBoolean(name, value == "true");
            }
            else
            {
                writer.WriteString(name, value);
            }
        }
    }
}
