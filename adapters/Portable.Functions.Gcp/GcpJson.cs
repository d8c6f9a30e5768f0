using System.Buffers;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp;

/// <summary>Small JSON helpers for the event conversions (JsonDocument in, Utf8JsonWriter out: no serializer, AOT-clean).</summary>
internal static class GcpJson
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 128 };

    public static IReadOnlySet<string> NoProperties { get; } = new HashSet<string>();

    public static JsonDocument Parse(ReadOnlyMemory<byte> json, string what)
    {
        // Google's .NET and Node frameworks accept a leading byte-order mark too.
        json = Utf8JsonText.WithoutByteOrderMark(json);

        try
        {
            return JsonDocument.Parse(json, s_options);
        }
        catch (JsonException exception)
        {
            throw FunctionProblemException.BadRequest($"The {what} is not valid JSON: {exception.Message}", exception);
        }
    }

    public static string? String(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Copies an object's properties except <paramref name="skip"/>, renaming keys of the nested <paramref name="renameIn"/> object.</summary>
    public static void CopyProperties(Utf8JsonWriter writer, JsonElement source, IReadOnlySet<string> skip, string? renameIn = null, IReadOnlyDictionary<string, string>? renames = null)
    {
        foreach (var property in source.EnumerateObject())
        {
            if (skip.Contains(property.Name))
            {
                continue;
            }

            if (renameIn is not null && renames is not null && property.Name == renameIn && property.Value.ValueKind == JsonValueKind.Object)
            {
                writer.WritePropertyName(property.Name);
                writer.WriteStartObject();
                foreach (var inner in property.Value.EnumerateObject())
                {
                    writer.WritePropertyName(renames.GetValueOrDefault(inner.Name, inner.Name));
                    inner.Value.WriteTo(writer);
                }

                writer.WriteEndObject();
                continue;
            }

            property.WriteTo(writer);
        }
    }
}
