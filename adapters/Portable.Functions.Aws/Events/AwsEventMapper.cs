using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// Maps one AWS record to a CloudEvent. S3 and SNS follow the CloudEvents project's adapter documents
/// (<c>cloudevents/adapters/aws-s3.md</c>, <c>aws-sns.md</c>); SQS, Kinesis, DynamoDB Streams and
/// EventBridge have no official mapping and use the same pattern (<c>com.amazonaws.{service}.*</c>
/// types, the ARN as source); the table is in the adapter's README section.
/// </summary>
/// <remarks>A record lacking what the event needs (an id, a source) is a 400 <see cref="FunctionProblemException"/>.</remarks>
internal static class AwsEventMapper
{
    public const string SqsMessageType = "com.amazonaws.sqs.message";
    public const string KinesisRecordType = "com.amazonaws.kinesis.record";

    /// <summary>
    /// SQS: a body that is itself a structured CloudEvent (<c>specversion</c> present) is delivered as
    /// that event; otherwise id = <c>messageId</c>, source = <c>eventSourceARN</c>, type
    /// <c>com.amazonaws.sqs.message</c>, time = <c>SentTimestamp</c>, data = the body (JSON or text).
    /// </summary>
    public static CloudEvent FromSqs(JsonElement record)
    {
        var raw = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("body"u8, out var value) && value.ValueKind == JsonValueKind.String
            ? JsonMarshal.GetRawUtf8Value(value)
            : "\"\""u8;
        return FromSqs(raw, record.Json("messageId"), record.Json("eventSourceARN"), SentMilliseconds(record.Object("attributes")?.Json("SentTimestamp")));
    }

    /// <summary>An SQS <c>SentTimestamp</c> (Unix milliseconds, digits only), or null when absent or not that.</summary>
    public static long? SentMilliseconds(string? sentTimestamp) =>
        long.TryParse(sentTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : null;

    /// <summary>
    /// SQS from the record's members as read (by the document route or the one-pass reader):
    /// <paramref name="body"/> is the body's JSON string literal, quotes and escapes included;
    /// <paramref name="sentMilliseconds"/> the parsed <c>SentTimestamp</c>.
    /// </summary>
    public static CloudEvent FromSqs(ReadOnlySpan<byte> body, string? messageId, string? eventSourceArn, long? sentMilliseconds)
    {
        // The body is unescaped straight into a rented buffer: a CloudEvent body is only read from it,
        // any other body is copied out once as the event's data.
        var buffer = ArrayPool<byte>.Shared.Rent(body.Length);
        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            var length = reader.CopyString(buffer);
            var text = buffer.AsMemory(0, length);
            if (text.Span.StartsWith("\uFEFF"u8))
            {
                text = text[3..];
            }

            if (MayBeCloudEvent(text.Span))
            {
                try
                {
                    // A body the CloudEvents reader accepts is a complete JSON object with specversion, so
                    // the check below would say the same: this spares it a second pass over the body.
                    return CloudEventJson.Parse(text);
                }
                catch (Exception exception) when (exception is FunctionProblemException or ArgumentException)
                {
                    // Not a valid event: the general path decides below (text, JSON, or this same error).
                }
            }

            var isJson = IsJson(text.Span, out var isCloudEvent);
            if (isJson && isCloudEvent)
            {
                return CloudEventJson.Parse(text);
            }

            var cloudEvent = Create(JsonElementExtensions.Required(messageId, "messageId", "SQS"), JsonElementExtensions.Required(eventSourceArn, "eventSourceARN", "SQS"), SqsMessageType);
            cloudEvent.Time = sentMilliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
            cloudEvent.DataContentType = isJson ? "application/json" : "text/plain; charset=utf-8";
            cloudEvent.Data = text.ToArray();
            return cloudEvent;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SNS notification (CloudEvents adapter): id = <c>MessageId</c>, source = subscription ARN, type <c>com.amazonaws.sns.{Type}</c>, data = the <c>Sns</c> object.</summary>
    public static CloudEvent FromSns(JsonElement record)
    {
        var sns = record.Object("Sns") ?? throw FunctionProblemException.BadRequest("The SNS record has no 'Sns' object.");
        var source = record.Json("EventSubscriptionArn") is { Length: > 0 } subscription ? subscription : sns.Required("TopicArn", "SNS");
        var cloudEvent = Create(sns.Required("MessageId", "SNS"), source, "com.amazonaws.sns." + (sns.Json("Type") ?? "Notification"));
        cloudEvent.Subject = sns.Json("Subject") is { Length: > 0 } subject ? subject : null;
        cloudEvent.Time = JsonElementExtensions.ParseTime(sns.Json("Timestamp"));
        cloudEvent.DataContentType = "application/json";
        cloudEvent.Data = sns.RawBytes();
        return cloudEvent;
    }

    /// <summary>
    /// S3 (CloudEvents adapter): id = <c>x-amz-request-id.x-amz-id-2</c>, source =
    /// <c>{eventSource}.{awsRegion}.{bucket}</c>, type <c>com.amazonaws.s3.{eventName}</c>, subject =
    /// the object key as sent (URL-encoded, <c>+</c> for spaces), data = the record.
    /// </summary>
    public static CloudEvent FromS3(JsonElement record)
    {
        var s3 = record.Object("s3") ?? throw FunctionProblemException.BadRequest("The S3 record has no 's3' object.");
        var bucket = s3.Object("bucket")?.Json("name") ?? throw FunctionProblemException.BadRequest("The S3 record has no bucket name.");
        var key = s3.Object("object")?.Json("key");
        var response = record.Object("responseElements");
        var id = response?.Json("x-amz-request-id") is { Length: > 0 } requestId
            ? requestId + "." + response?.Json("x-amz-id-2")
            : $"{bucket}/{key}/{s3.Object("object")?.Json("sequencer")}";
        var cloudEvent = Create(id, $"{record.Json("eventSource")}.{record.Json("awsRegion")}.{bucket}", "com.amazonaws.s3." + record.Required("eventName", "S3"));
        cloudEvent.Subject = string.IsNullOrEmpty(key) ? null : key;
        cloudEvent.Time = JsonElementExtensions.ParseTime(record.Json("eventTime"));
        cloudEvent.DataContentType = "application/json";
        cloudEvent.Data = record.RawBytes();
        return cloudEvent;
    }

    /// <summary>
    /// EventBridge/CloudWatch Events (incl. scheduled rules): id, source, type = <c>detail-type</c>,
    /// time, subject = the first resource, data = <c>detail</c> — the mapping AWS's EventBridge
    /// CloudEvents input transformer uses.
    /// </summary>
    public static CloudEvent FromEventBridge(JsonElement root)
    {
        var cloudEvent = Create(root.Required("id", "EventBridge"), root.Required("source", "EventBridge"), root.Required("detail-type", "EventBridge"));
        cloudEvent.Time = JsonElementExtensions.ParseTime(root.Json("time"));
        cloudEvent.Subject = root.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array && resources.GetArrayLength() > 0 && resources[0].ValueKind == JsonValueKind.String
            ? resources[0].GetString()
            : null;
        cloudEvent.DataContentType = "application/json";
        cloudEvent.Data = root.TryGetProperty("detail", out var detail) ? detail.RawBytes() : "{}"u8.ToArray();
        return cloudEvent;
    }

    /// <summary>
    /// Kinesis: id = <c>eventID</c>, source = <c>eventSourceARN</c>, type
    /// <c>com.amazonaws.kinesis.record</c>, subject and <c>partitionkey</c> = the partition key,
    /// <c>sequence</c> = the sequence number, time = arrival, data = the decoded record data.
    /// </summary>
    public static CloudEvent FromKinesis(JsonElement record)
    {
        var kinesis = record.Object("kinesis") ?? throw FunctionProblemException.BadRequest("The Kinesis record has no 'kinesis' object.");
        var data = WithoutBom(DecodeKinesisData(kinesis.Json("data")));
        var cloudEvent = Create(record.Required("eventID", "Kinesis"), record.Required("eventSourceARN", "Kinesis"), KinesisRecordType);
        cloudEvent.Subject = kinesis.Json("partitionKey");
        cloudEvent.SetExtension("partitionkey", kinesis.Json("partitionKey"));
        cloudEvent.SetExtension("sequence", kinesis.Json("sequenceNumber"));
        cloudEvent.Time = kinesis.Number("approximateArrivalTimestamp") is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null;
        cloudEvent.DataContentType = IsJson(data, out _) ? "application/json" : "application/octet-stream";
        cloudEvent.Data = data;
        return cloudEvent;
    }

    /// <summary>
    /// DynamoDB Streams: id = <c>eventID</c>, source = <c>eventSourceARN</c>, type
    /// <c>com.amazonaws.dynamodb.{INSERT|MODIFY|REMOVE}</c>, <c>sequence</c> = the sequence number,
    /// time = <c>ApproximateCreationDateTime</c> (seconds, or milliseconds when the number is that large),
    /// data = the <c>dynamodb</c> object (typed AttributeValue JSON, untouched).
    /// </summary>
    public static CloudEvent FromDynamoDb(JsonElement record)
    {
        var dynamodb = record.Object("dynamodb") ?? throw FunctionProblemException.BadRequest("The DynamoDB record has no 'dynamodb' object.");
        var cloudEvent = Create(record.Required("eventID", "DynamoDB"), record.Required("eventSourceARN", "DynamoDB"), "com.amazonaws.dynamodb." + record.Required("eventName", "DynamoDB"));
        cloudEvent.SetExtension("sequence", dynamodb.Json("SequenceNumber"));
        cloudEvent.Time = dynamodb.Number("ApproximateCreationDateTime") is { } created
            ? (created >= 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds((long)created) : DateTimeOffset.FromUnixTimeMilliseconds((long)(created * 1000)))
            : null;
        cloudEvent.DataContentType = "application/json";
        cloudEvent.Data = dynamodb.RawBytes();
        return cloudEvent;
    }

    private static CloudEvent Create(string id, string source, string type)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(source) || string.IsNullOrEmpty(type))
        {
            throw FunctionProblemException.BadRequest("The record lacks the id, source or type a CloudEvent needs.");
        }

        return new CloudEvent(id, source, type);
    }

    /// <summary>
    /// Drops a leading UTF-8 byte-order mark (RFC 8259 §8.1 lets parsers ignore it; producers on
    /// Windows add it), so a JSON message is still JSON and reaches a typed handler.
    /// </summary>
    private static byte[] WithoutBom(byte[] bytes) => bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    /// <summary>Kinesis record data is always base64; anything else is a 400 that says so.</summary>
    private static byte[] DecodeKinesisData(string? data)
    {
        if (string.IsNullOrEmpty(data))
        {
            return [];
        }

        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException exception)
        {
            throw FunctionProblemException.BadRequest("The Kinesis record's 'data' is not valid base64 (Kinesis always delivers record data base64-encoded).", exception);
        }
    }

    /// <summary>An object (first byte after whitespace is <c>{</c>) that mentions <c>"specversion"</c>: worth parsing as an event first.</summary>
    private static bool MayBeCloudEvent(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && bytes[start] == (byte)'{' && bytes.IndexOf("\"specversion\""u8) > start;
    }

    /// <summary>True when the bytes are one complete JSON value; <paramref name="isCloudEvent"/> when it is an object with <c>specversion</c>.</summary>
    private static bool IsJson(ReadOnlySpan<byte> bytes, out bool isCloudEvent)
    {
        isCloudEvent = false;
        if (bytes.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            var depth0Object = false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 0)
                {
                    depth0Object = true;
                }
                else if (depth0Object && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("specversion"u8))
                {
                    isCloudEvent = true;
                }
            }

            return reader.BytesConsumed == bytes.Length || bytes[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty;
        }
        catch (JsonException)
        {
            isCloudEvent = false;
            return false;
        }
    }
}
