using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Portable.Functions.Hosting;

/// <summary>
/// The CloudEvents JSON event format (structured and batch mode), read and written with
/// <see cref="Utf8JsonReader"/>/<see cref="Utf8JsonWriter"/>: no reflection, AOT-clean.
/// </summary>
/// <remarks>Every parse failure is a <see cref="FunctionProblemException"/> with status 400 naming the problem.</remarks>
public static class CloudEventJson
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses one structured-mode event.</summary>
    /// <param name="json">UTF-8 JSON of the event object.</param>
    /// <returns>The event.</returns>
    /// <exception cref="FunctionProblemException">400: not JSON, not an object, or not a valid CloudEvent.</exception>
    public static CloudEvent Parse(ReadOnlyMemory<byte> json)
    {
        using var document = ParseDocument(json);
        return WithUtf8Check(() => FromElement(document.RootElement));
    }

    /// <summary>Parses a batch (a JSON array of structured events).</summary>
    /// <param name="json">UTF-8 JSON array.</param>
    /// <returns>The events, possibly none.</returns>
    /// <exception cref="FunctionProblemException">400: not a JSON array of valid CloudEvents.</exception>
    public static IReadOnlyList<CloudEvent> ParseBatch(ReadOnlyMemory<byte> json)
    {
        using var document = ParseDocument(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw FunctionProblemException.BadRequest("A CloudEvents batch must be a JSON array.");
        }

        var events = new List<CloudEvent>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            events.Add(WithUtf8Check(() => FromElement(element)));
        }

        return events;
    }

    /// <summary>Reads a CloudEvent from a JSON element (the object of a structured event).</summary>
    /// <param name="element">The element.</param>
    /// <returns>The event.</returns>
    /// <exception cref="FunctionProblemException">400 when the element is not a valid CloudEvent.</exception>
    public static CloudEvent FromElement(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw FunctionProblemException.BadRequest("A structured CloudEvent must be a JSON object.");
        }

        var specVersion = RequiredString(element, "specversion");
        if (specVersion != "1.0")
        {
            throw FunctionProblemException.BadRequest($"Unsupported CloudEvents specversion '{UntrustedText.Shorten(specVersion)}'; only 1.0 is supported.");
        }

        var cloudEvent = new CloudEvent(RequiredString(element, "id"), RequiredString(element, "source"), RequiredString(element, "type"))
        {
            DataContentType = OptionalString(element, "datacontenttype"),
            DataSchema = OptionalString(element, "dataschema"),
            Subject = OptionalString(element, "subject"),
        };

        var time = OptionalString(element, "time");
        if (time is not null)
        {
            if (!CloudEventAttributeFormat.TryParseTime(time, out var parsed))
            {
                throw FunctionProblemException.BadRequest($"CloudEvent attribute 'time' is not an RFC 3339 timestamp: '{UntrustedText.Shorten(time)}'.");
            }

            cloudEvent.SetTimeFromText(time, parsed);
        }

        var hasData = element.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null;
        var hasBase64 = element.TryGetProperty("data_base64", out var base64) && base64.ValueKind != JsonValueKind.Null;
        if (hasData && hasBase64)
        {
            throw FunctionProblemException.BadRequest("A CloudEvent must not have both 'data' and 'data_base64'.");
        }

        if (hasBase64)
        {
            if (base64.ValueKind != JsonValueKind.String || !base64.TryGetBytesFromBase64(out var bytes))
            {
                throw FunctionProblemException.BadRequest("CloudEvent 'data_base64' is not valid base64.");
            }

            cloudEvent.Data = bytes;
        }
        else if (hasData)
        {
            cloudEvent.Data = data.ValueKind == JsonValueKind.String && !MediaType.IsJson(cloudEvent.DataContentType) && cloudEvent.DataContentType is not null
                ? Encoding.UTF8.GetBytes(data.GetString()!)
                : JsonMarshal.GetRawUtf8Value(data).ToArray();
        }

        foreach (var property in element.EnumerateObject())
        {
            if (IsCoreMember(property.Name))
            {
                continue;
            }

            if (!CloudEvent.IsValidExtensionName(property.Name))
            {
                throw FunctionProblemException.BadRequest($"'{UntrustedText.Shorten(property.Name)}' is not a valid CloudEvents attribute name.");
            }

            object? value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when property.Value.TryGetInt32(out var number) => number,
                JsonValueKind.Null => null,
                _ => throw FunctionProblemException.BadRequest($"CloudEvent extension '{property.Name}' must be a string, boolean or integer."),
            };
            cloudEvent.SetExtension(property.Name, value);
        }

        return cloudEvent;
    }

    /// <summary>Serializes an event in structured mode.</summary>
    /// <param name="cloudEvent">The event.</param>
    /// <returns>UTF-8 JSON.</returns>
    /// <exception cref="InvalidOperationException">JSON content type but the data is not valid JSON.</exception>
    public static byte[] Serialize(CloudEvent cloudEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + cloudEvent.Data.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, cloudEvent);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes events as a batch (JSON array).</summary>
    /// <param name="events">The events.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] SerializeBatch(IEnumerable<CloudEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var cloudEvent in events)
            {
                Write(writer, cloudEvent);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes an event object to <paramref name="writer"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="cloudEvent">The event.</param>
    public static void Write(Utf8JsonWriter writer, CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        writer.WriteStartObject();
        writer.WriteString("specversion", cloudEvent.SpecVersion);
        writer.WriteString("id", cloudEvent.Id);
        writer.WriteString("source", cloudEvent.Source);
        writer.WriteString("type", cloudEvent.Type);
        WriteIfPresent(writer, "datacontenttype", cloudEvent.DataContentType);
        WriteIfPresent(writer, "dataschema", cloudEvent.DataSchema);
        WriteIfPresent(writer, "subject", cloudEvent.Subject);
        WriteIfPresent(writer, "time", cloudEvent.TimeText);
        foreach (var (name, value) in cloudEvent.Extensions)
        {
            switch (value)
            {
                case bool b:
                    writer.WriteBoolean(name, b);
                    break;
                case int i:
                    writer.WriteNumber(name, i);
                    break;
                default:
                    writer.WriteString(name, CloudEventAttributeFormat.ToCanonicalString(value));
                    break;
            }
        }

        if (!cloudEvent.Data.IsEmpty)
        {
            if (cloudEvent.DataContentType is null || MediaType.IsJson(cloudEvent.DataContentType))
            {
                writer.WritePropertyName("data");
                writer.WriteRawValue(cloudEvent.Data.Span, skipInputValidation: false);
            }
            else if (MediaType.IsText(cloudEvent.DataContentType))
            {
                writer.WriteString("data", Encoding.UTF8.GetString(cloudEvent.Data.Span));
            }
            else
            {
                writer.WriteBase64String("data_base64", cloudEvent.Data.Span);
            }
        }

        writer.WriteEndObject();
    }

    private static JsonDocument ParseDocument(ReadOnlyMemory<byte> json)
    {
        json = Utf8JsonText.WithoutByteOrderMark(json);

        try
        {
            return JsonDocument.Parse(json, s_documentOptions);
        }
        catch (JsonException exception)
        {
            throw FunctionProblemException.BadRequest($"The CloudEvent is not valid JSON: {exception.Message}", exception);
        }
    }

    // JsonDocument checks structure, not the UTF-8 inside strings: reading a string with invalid UTF-8
    // throws InvalidOperationException, which is the sender's fault, so it is a 400 like any other defect.
    private static CloudEvent WithUtf8Check(Func<CloudEvent> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException exception)
        {
            throw FunctionProblemException.BadRequest("The CloudEvent contains a string that is not valid UTF-8.", exception);
        }
    }

    private static bool IsCoreMember(string name) => name is "specversion" or "id" or "source" or "type" or "datacontenttype"
        or "dataschema" or "subject" or "time" or "data" or "data_base64";

    private static string RequiredString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            throw FunctionProblemException.BadRequest($"CloudEvent attribute '{name}' is required and must be a non-empty string.");
        }

        return text;
    }

    private static string? OptionalString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw FunctionProblemException.BadRequest($"CloudEvent attribute '{name}' must be a string.");
        }

        return value.GetString();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
