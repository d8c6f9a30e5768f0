using System.Globalization;
using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>
/// Reads an SQS event's records in one forward <see cref="Utf8JsonReader"/> pass, without the
/// <see cref="JsonDocument"/> the shape detection otherwise needs: per record only the members the
/// adapter uses (<c>messageId</c>, <c>body</c>, <c>eventSource</c>, <c>eventSourceARN</c> and three
/// <c>attributes</c>, the two numeric ones parsed in place), the body kept as its JSON string literal,
/// unescaped later straight into the mapper's buffer.
/// </summary>
/// <remarks>
/// It only takes the common case: a root object whose one member is a non-empty <c>Records</c> array of
/// objects, the first with <c>eventSource</c> <c>aws:sqs</c>, every record with a non-empty string
/// <c>messageId</c>, the members it reads present at most once, unescaped, of the expected JSON type.
/// Anything else (malformed JSON, another shape, a repeated member, a wrong type) returns null and the
/// event takes the document route (<see cref="EventShapeDetector"/>, <see cref="AwsRecordProcessor"/>),
/// so unusual events keep exactly its rules and error messages. Never throws.
/// </remarks>
internal static class SqsBatchReader
{
    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 128 };

    /// <summary>The records of a plain SQS event, or null to send the event to the document route.</summary>
    public static List<SqsRecordFields>? TryRead(ReadOnlyMemory<byte> json)
    {
        try
        {
            return TryReadCore(json);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Malformed JSON or a value the reader cannot convert: the document route answers it.
            return null;
        }
    }

    private static List<SqsRecordFields>? TryReadCore(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span, s_options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !IsName(ref reader, "Records"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var records = new List<SqsRecordFields>(10);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (ReadRecord(ref reader, json, records.Count == 0, records.Count == 0 ? null : records[^1].EventSourceArn) is not { } record)
            {
                return null;
            }

            records.Add(record);
        }

        // The end of the array, the end of the root (no other member), then nothing but whitespace.
        if (reader.TokenType != JsonTokenType.EndArray || !reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read() || records.Count == 0)
        {
            return null;
        }

        return records;
    }

    /// <param name="reader">At the record's start.</param>
    /// <param name="json">The whole event.</param>
    /// <param name="first">Whether it is the first record (the one the shape is detected by).</param>
    /// <param name="previousArn">The previous record's ARN, reused when equal (a batch comes from one queue).</param>
    private static SqsRecordFields? ReadRecord(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, bool first, string? previousArn)
    {
        var seen = 0;
        string? messageId = null, arn = null, trace = null;
        int? receiveCount = null;
        long? sent = null;
        var body = ReadOnlyMemory<byte>.Empty;
        var isSqs = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return null;
            }

            var member = reader.ValueSpan switch
            {
                var n when n.SequenceEqual("messageId"u8) => 1,
                var n when n.SequenceEqual("body"u8) => 2,
                var n when n.SequenceEqual("eventSource"u8) => 4,
                var n when n.SequenceEqual("eventSourceARN"u8) => 8,
                var n when n.SequenceEqual("attributes"u8) => 16,
                _ => 0,
            };
            if (member == 0)
            {
                reader.Skip();
                continue;
            }

            if ((seen & member) != 0)
            {
                return null;
            }

            seen |= member;
            reader.Read();
            switch (member)
            {
                case 1:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return null;
                    }

                    messageId = reader.GetString();
                    break;
                case 2:
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        // The literal with its quotes, as the mapper unescapes it.
                        body = json.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2);
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return null;
                    }

                    break;
                case 4:
                    isSqs = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("aws:sqs"u8);
                    reader.Skip();
                    break;
                case 8:
                    if (previousArn is not null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(previousArn))
                    {
                        arn = previousArn;
                    }
                    else if (!ReadString(ref reader, out arn))
                    {
                        return null;
                    }

                    break;
                default:
                    if (!ReadAttributes(ref reader, out receiveCount, out sent, out trace))
                    {
                        return null;
                    }

                    break;
            }
        }

        if (string.IsNullOrEmpty(messageId) || (first && !isSqs))
        {
            return null;
        }

        return new SqsRecordFields(messageId, body, arn, receiveCount, sent, trace);
    }

    /// <summary>
    /// The record's <c>attributes</c>: null, or an object whose three members the adapter reads are strings
    /// or null. The two numbers are parsed here, as the document route parses their strings (a value that
    /// is not a number is absent), so no string is made for them.
    /// </summary>
    private static bool ReadAttributes(ref Utf8JsonReader reader, out int? receiveCount, out long? sent, out string? trace)
    {
        (receiveCount, sent, trace) = (null, null, null);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var member = reader.ValueSpan switch
            {
                var n when n.SequenceEqual("ApproximateReceiveCount"u8) => 1,
                var n when n.SequenceEqual("SentTimestamp"u8) => 2,
                var n when n.SequenceEqual("AWSTraceHeader"u8) => 4,
                _ => 0,
            };
            if (member == 0)
            {
                reader.Skip();
                continue;
            }

            if ((seen & member) != 0)
            {
                return false;
            }

            seen |= member;
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            switch (member)
            {
                case 1:
                    receiveCount = ReceiveCount(ref reader);
                    break;
                case 2:
                    sent = SentMilliseconds(ref reader);
                    break;
                default:
                    trace = reader.GetString();
                    break;
            }
        }

        return true;
    }

    /// <summary><c>ApproximateReceiveCount</c> as <see cref="int.TryParse(string?, out int)"/> reads its text, or null.</summary>
    private static int? ReceiveCount(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped
            ? int.TryParse(reader.GetString(), out var unescaped) ? unescaped : null
            : int.TryParse(reader.ValueSpan, out var count) ? count : null;

    /// <summary><c>SentTimestamp</c> (Unix milliseconds, digits only) as <see cref="AwsEventMapper.SentMilliseconds(string?)"/> reads its text, or null.</summary>
    private static long? SentMilliseconds(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped
            ? AwsEventMapper.SentMilliseconds(reader.GetString())
            : long.TryParse(reader.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : null;

    private static bool IsName(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) => !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(name);

    private static bool ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }
}
