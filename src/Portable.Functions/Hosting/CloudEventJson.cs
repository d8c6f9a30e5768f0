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
        if (TryReadValid(Utf8JsonText.WithoutByteOrderMark(json).Span) is { } valid)
        {
            return valid;
        }

        // Anything the forward read did not accept (malformed JSON, a missing or invalid attribute, a
        // repeated member): the document path decides, with its error messages and its rules.
        using var document = ParseDocument(json);
        return ReadChecked(document.RootElement);
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
            events.Add(ReadChecked(element));
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

        var specVersion = RequiredString(element, "specversion"u8);
        if (specVersion != "1.0")
        {
            throw FunctionProblemException.BadRequest($"Unsupported CloudEvents specversion '{UntrustedText.Shorten(specVersion)}'; only 1.0 is supported.");
        }

        var cloudEvent = new CloudEvent(RequiredString(element, "id"u8), RequiredString(element, "source"u8), RequiredString(element, "type"u8))
        {
            DataContentType = OptionalString(element, "datacontenttype"u8),
            DataSchema = OptionalString(element, "dataschema"u8),
            Subject = OptionalString(element, "subject"u8),
        };

        var time = OptionalString(element, "time"u8);
        if (time is not null)
        {
            if (!CloudEventAttributeFormat.TryParseTime(time, out var parsed))
            {
                throw FunctionProblemException.BadRequest($"CloudEvent attribute 'time' is not an RFC 3339 timestamp: '{UntrustedText.Shorten(time)}'.");
            }

            cloudEvent.SetTimeFromText(time, parsed);
        }

        var hasData = element.TryGetProperty("data"u8, out var data) && data.ValueKind != JsonValueKind.Null;
        var hasBase64 = element.TryGetProperty("data_base64"u8, out var base64) && base64.ValueKind != JsonValueKind.Null;
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
            // Compared as UTF-8: only an extension's name is made into a string.
            if (IsCoreMember(property))
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

    /// <summary>
    /// Reads a valid event in one forward pass with <see cref="Utf8JsonReader"/>, without building a
    /// document: the common case of every structured request and queue message. Returns
    /// <see langword="null"/> for anything it does not accept as valid (malformed JSON, a missing or
    /// invalid attribute, a repeated attribute, invalid UTF-8), so <see cref="FromElement"/> gives the same
    /// result or error as before; it never throws.
    /// </summary>
    private static CloudEvent? TryReadValid(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = s_documentOptions.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? specVersion = null, id = null, source = null, type = null, contentType = null, schema = null, subject = null, time = null;
            var seen = 0;
            int dataStart = -1, dataEnd = -1, base64Start = -1, base64End = -1;
            var dataIsString = false;
            List<KeyValuePair<string, object?>>? extensions = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = CoreMember(ref reader);
                if (member != 0 && (seen & member) != 0)
                {
                    return null;
                }

                seen |= member;
                var name = member == 0 ? reader.GetString()! : null;
                if (!reader.Read())
                {
                    return null;
                }

                switch (member)
                {
                    case 0:
                        object? value;
                        switch (reader.TokenType)
                        {
                            case JsonTokenType.String: value = reader.GetString(); break;
                            case JsonTokenType.True: value = true; break;
                            case JsonTokenType.False: value = false; break;
                            case JsonTokenType.Null: value = null; break;
                            case JsonTokenType.Number when reader.TryGetInt32(out var number): value = number; break;
                            default: return null;
                        }

                        (extensions ??= []).Add(new(name!, value));
                        break;
                    case MemberData or MemberDataBase64:
                        var start = (int)reader.TokenStartIndex;
                        var isString = reader.TokenType == JsonTokenType.String;
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            break;
                        }

                        reader.Skip();
                        if (member == MemberData)
                        {
                            (dataStart, dataEnd, dataIsString) = (start, (int)reader.BytesConsumed, isString);
                        }
                        else
                        {
                            (base64Start, base64End) = (start, (int)reader.BytesConsumed);
                        }

                        break;
                    default:
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            break;
                        }

                        if (reader.TokenType != JsonTokenType.String)
                        {
                            return null;
                        }

                        var text = member switch
                        {
                            MemberSpecVersion when reader.ValueTextEquals("1.0"u8) => "1.0",
                            MemberDataContentType when reader.ValueTextEquals("application/json"u8) => "application/json",
                            MemberSource => Repeated(ref reader, ref t_lastSource),
                            MemberType => Repeated(ref reader, ref t_lastType),
                            _ => reader.GetString(),
                        };
                        switch (member)
                        {
                            case MemberSpecVersion: specVersion = text; break;
                            case MemberId: id = text; break;
                            case MemberSource: source = text; break;
                            case MemberType: type = text; break;
                            case MemberDataContentType: contentType = text; break;
                            case MemberDataSchema: schema = text; break;
                            case MemberSubject: subject = text; break;
                            default: time = text; break;
                        }

                        break;
                }
            }

            // The object must be the whole text (trailing content is malformed JSON).
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()
                || specVersion != "1.0" || string.IsNullOrEmpty(id) || string.IsNullOrEmpty(source) || string.IsNullOrEmpty(type)
                || (dataStart >= 0 && base64Start >= 0))
            {
                return null;
            }

            var cloudEvent = new CloudEvent(id, source, type) { DataContentType = contentType, DataSchema = schema, Subject = subject };
            if (time is not null)
            {
                if (!CloudEventAttributeFormat.TryParseTime(time, out var parsed))
                {
                    return null;
                }

                cloudEvent.SetTimeFromText(time, parsed);
            }

            if (base64Start >= 0)
            {
                var value = new Utf8JsonReader(json[base64Start..base64End]);
                if (!value.Read() || value.TokenType != JsonTokenType.String || !value.TryGetBytesFromBase64(out var bytes))
                {
                    return null;
                }

                cloudEvent.Data = bytes;
            }
            else if (dataStart >= 0)
            {
                var raw = json[dataStart..dataEnd];
                if (dataIsString && !MediaType.IsJson(contentType) && contentType is not null)
                {
                    var value = new Utf8JsonReader(raw);
                    _ = value.Read();
                    cloudEvent.Data = Encoding.UTF8.GetBytes(value.GetString()!);
                }
                else
                {
                    cloudEvent.Data = raw.ToArray();
                }
            }

            if (extensions is not null)
            {
                foreach (var (name, value) in extensions)
                {
                    if (!CloudEvent.IsValidExtensionName(name))
                    {
                        return null;
                    }

                    cloudEvent.SetExtension(name, value);
                }
            }

            return cloudEvent;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    // The source and type the thread read last: the events of a batch or a stream mostly share them, so
    // an equal value is the same (immutable) string instead of a new one per event.
    [ThreadStatic]
    private static string? t_lastSource;

    [ThreadStatic]
    private static string? t_lastType;

    /// <summary>The reader's string value: <paramref name="last"/> when equal, else a new string that becomes it.</summary>
    private static string Repeated(ref Utf8JsonReader reader, ref string? last)
    {
        if (last is { } previous && reader.ValueTextEquals(previous))
        {
            return previous;
        }

        // Only short values are kept: a thread must not hold a large string alive after its event.
        var text = reader.GetString()!;
        last = text.Length <= 256 ? text : null;
        return text;
    }

    private const int MemberSpecVersion = 1, MemberId = 2, MemberSource = 4, MemberType = 8, MemberDataContentType = 16, MemberDataSchema = 32, MemberSubject = 64, MemberTime = 128, MemberData = 256, MemberDataBase64 = 512;

    private static int CoreMember(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("specversion"u8) ? MemberSpecVersion
        : reader.ValueTextEquals("id"u8) ? MemberId
        : reader.ValueTextEquals("source"u8) ? MemberSource
        : reader.ValueTextEquals("type"u8) ? MemberType
        : reader.ValueTextEquals("datacontenttype"u8) ? MemberDataContentType
        : reader.ValueTextEquals("dataschema"u8) ? MemberDataSchema
        : reader.ValueTextEquals("subject"u8) ? MemberSubject
        : reader.ValueTextEquals("time"u8) ? MemberTime
        : reader.ValueTextEquals("data"u8) ? MemberData
        : reader.ValueTextEquals("data_base64"u8) ? MemberDataBase64
        : 0;

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
        writer.WriteString("specversion"u8, cloudEvent.SpecVersion);
        writer.WriteString("id"u8, cloudEvent.Id);
        writer.WriteString("source"u8, cloudEvent.Source);
        writer.WriteString("type"u8, cloudEvent.Type);
        WriteIfPresent(writer, "datacontenttype"u8, cloudEvent.DataContentType);
        WriteIfPresent(writer, "dataschema"u8, cloudEvent.DataSchema);
        WriteIfPresent(writer, "subject"u8, cloudEvent.Subject);
        WriteIfPresent(writer, "time"u8, cloudEvent.TimeText);
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
                writer.WritePropertyName("data"u8);
                writer.WriteRawValue(cloudEvent.Data.Span, skipInputValidation: false);
            }
            else if (MediaType.IsText(cloudEvent.DataContentType))
            {
                writer.WriteString("data"u8, Encoding.UTF8.GetString(cloudEvent.Data.Span));
            }
            else
            {
                writer.WriteBase64String("data_base64"u8, cloudEvent.Data.Span);
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
    private static CloudEvent ReadChecked(JsonElement element)
    {
        try
        {
            return FromElement(element);
        }
        catch (InvalidOperationException exception)
        {
            throw FunctionProblemException.BadRequest("The CloudEvent contains a string that is not valid UTF-8.", exception);
        }
    }

    private static bool IsCoreMember(JsonProperty property) =>
        property.NameEquals("specversion"u8) || property.NameEquals("id"u8) || property.NameEquals("source"u8)
        || property.NameEquals("type"u8) || property.NameEquals("datacontenttype"u8) || property.NameEquals("dataschema"u8)
        || property.NameEquals("subject"u8) || property.NameEquals("time"u8) || property.NameEquals("data"u8)
        || property.NameEquals("data_base64"u8);

    private static string RequiredString(JsonElement element, ReadOnlySpan<byte> name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            throw FunctionProblemException.BadRequest($"CloudEvent attribute '{Encoding.UTF8.GetString(name)}' is required and must be a non-empty string.");
        }

        return text;
    }

    private static string? OptionalString(JsonElement element, ReadOnlySpan<byte> name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw FunctionProblemException.BadRequest($"CloudEvent attribute '{Encoding.UTF8.GetString(name)}' must be a string.");
        }

        return value.GetString();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
