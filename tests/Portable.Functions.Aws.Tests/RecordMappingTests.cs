using System.Text;
using System.Text.Json;

namespace Portable.Functions.Aws.Tests;

/// <summary>Record sources to CloudEvents, on the project's own small fixtures.</summary>
public sealed class RecordMappingTests
{
    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void S3_FollowsTheCloudEventsAdapterMapping()
    {
        var record = Parse("""
            {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1","eventTime":"2026-01-02T03:04:05.000Z","eventName":"ObjectCreated:Put",
             "responseElements":{"x-amz-request-id":"REQ","x-amz-id-2":"ID2"},
             "s3":{"bucket":{"name":"photos"},"object":{"key":"Happy+Face.jpg","size":10,"sequencer":"0A"}}}
            """);

        var cloudEvent = AwsEventMapper.FromS3(record);

        Assert.Equal("REQ.ID2", cloudEvent.Id);
        Assert.Equal("aws:s3.eu-west-1.photos", cloudEvent.Source);
        Assert.Equal("com.amazonaws.s3.ObjectCreated:Put", cloudEvent.Type);
        Assert.Equal("Happy+Face.jpg", cloudEvent.Subject);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), cloudEvent.Time);
        Assert.Equal("application/json", cloudEvent.DataContentType);
    }

    [Fact]
    public void Sns_FollowsTheCloudEventsAdapterMapping()
    {
        var record = Parse("""
            {"EventSource":"aws:sns","EventSubscriptionArn":"arn:aws:sns:eu-west-1:1:topic:sub",
             "Sns":{"Type":"Notification","MessageId":"M1","TopicArn":"arn:aws:sns:eu-west-1:1:topic","Subject":"hi","Message":"body","Timestamp":"2026-01-02T03:04:05.000Z"}}
            """);

        var cloudEvent = AwsEventMapper.FromSns(record);

        Assert.Equal("M1", cloudEvent.Id);
        Assert.Equal("arn:aws:sns:eu-west-1:1:topic:sub", cloudEvent.Source);
        Assert.Equal("com.amazonaws.sns.Notification", cloudEvent.Type);
        Assert.Equal("hi", cloudEvent.Subject);
        Assert.Equal("body", JsonDocument.Parse(cloudEvent.Data).RootElement.GetProperty("Message").GetString());
    }

    [Fact]
    public void Sqs_PlainTextBody_IsTextData_JsonBodyIsJson()
    {
        var text = AwsEventMapper.FromSqs(Parse(Events.SqsRecord("m-1", "hello")));
        var json = AwsEventMapper.FromSqs(Parse(Events.SqsRecord("m-2", """{"a":1}""")));

        Assert.Equal("m-1", text.Id);
        Assert.Equal("arn:aws:sqs:eu-west-1:123456789012:orders", text.Source);
        Assert.Equal("text/plain; charset=utf-8", text.DataContentType);
        Assert.Equal("hello", Encoding.UTF8.GetString(text.Data.Span));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), text.Time);
        Assert.Equal("application/json", json.DataContentType);
    }

    [Fact]
    public void Sqs_EscapedBody_IsTheUnescapedUtf8()
    {
        var record = Events.SqsRecord("m-1", "x").Replace("\"body\":\"x\"", "\"body\":\"h\\u00e9llo \\\"q\\\"\\n\u20ac\"", StringComparison.Ordinal);

        var cloudEvent = AwsEventMapper.FromSqs(Parse(record));

        Assert.Equal("héllo \"q\"\n€", System.Text.Encoding.UTF8.GetString(cloudEvent.Data.Span));
        Assert.Equal("text/plain; charset=utf-8", cloudEvent.DataContentType);
    }

    [Fact]
    public async Task SqsBatch_WithoutFailures_AnswersWhatTheSerializerWrites()
    {
        await using var app = new CapturingApp();

        var result = await app.DispatchAsync(Events.Sqs(Events.SqsRecord("m-1", "fine")));

        Assert.Equal(
            JsonSerializer.SerializeToUtf8Bytes(new BatchResponse([]), AwsJsonContext.Default.BatchResponse),
            result.Payload.ToArray());
    }

    [Fact]
    public void Sqs_StructuredCloudEventBody_IsThatEvent()
    {
        var cloudEvent = AwsEventMapper.FromSqs(Parse(Events.SqsRecord("m-1", Events.OrderPlacedCloudEvent("e-1", "o-1"))));

        Assert.Equal("e-1", cloudEvent.Id);
        Assert.Equal("com.example.order.placed", cloudEvent.Type);
    }

    [Fact]
    public void Sqs_InvalidCloudEventBody_IsRejectedWith400()
    {
        var problem = Assert.Throws<FunctionProblemException>(() => AwsEventMapper.FromSqs(Parse(Events.SqsRecord("m-1", """{"specversion":"0.3","id":"x"}"""))));

        Assert.Equal(400, problem.StatusCode);
    }

    [Fact]
    public void Kinesis_DataIsDecoded_SequenceAndPartitionKeyAreExtensions()
    {
        var cloudEvent = AwsEventMapper.FromKinesis(Parse(Events.KinesisRecord("4955", Convert.ToBase64String("""{"k":1}"""u8.ToArray()))));

        Assert.Equal("""{"k":1}""", Encoding.UTF8.GetString(cloudEvent.Data.Span));
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("4955", cloudEvent.GetExtensionString("sequence"));
        Assert.Equal("pk-1", cloudEvent.GetExtensionString("partitionkey"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000500), cloudEvent.Time);
    }

    [Fact]
    public void Kinesis_DataThatIsNotBase64_IsRejectedWith400()
    {
        Assert.Equal(400, Assert.Throws<FunctionProblemException>(() => AwsEventMapper.FromKinesis(Parse(Events.KinesisRecord("1", "not base64!")))).StatusCode);
    }

    [Theory]
    [InlineData("1700000000", 1700000000000)]
    [InlineData("1700000000123", 1700000000123)]
    public void DynamoDb_CreationTime_InSecondsOrMilliseconds(string raw, long expectedMs)
    {
        var record = Parse($$$"""
            {"eventID":"e1","eventName":"INSERT","eventSource":"aws:dynamodb","eventSourceARN":"arn:aws:dynamodb:eu-west-1:1:table/t/stream/s",
             "dynamodb":{"ApproximateCreationDateTime":{{{raw}}},"Keys":{"Id":{"N":"1"}},"SequenceNumber":"111","StreamViewType":"KEYS_ONLY"}}
            """);

        var cloudEvent = AwsEventMapper.FromDynamoDb(record);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMs), cloudEvent.Time);
        Assert.Equal("com.amazonaws.dynamodb.INSERT", cloudEvent.Type);
        Assert.Equal("111", cloudEvent.GetExtensionString("sequence"));
    }

    [Fact]
    public void EventBridge_ScheduledEvent_TypeIsDetailType_DataIsDetail()
    {
        var cloudEvent = AwsEventMapper.FromEventBridge(Parse("""
            {"version":"0","id":"53dc4d37","detail-type":"Scheduled Event","source":"aws.events","account":"1","time":"2026-01-02T03:04:05Z",
             "region":"eu-west-1","resources":["arn:aws:events:eu-west-1:1:rule/nightly"],"detail":{}}
            """));

        Assert.Equal("53dc4d37", cloudEvent.Id);
        Assert.Equal("aws.events", cloudEvent.Source);
        Assert.Equal("Scheduled Event", cloudEvent.Type);
        Assert.Equal("arn:aws:events:eu-west-1:1:rule/nightly", cloudEvent.Subject);
        Assert.Equal("{}", Encoding.UTF8.GetString(cloudEvent.Data.Span));
    }

    [Fact]
    public async Task SnsRecord_HandlerRetry_FailsTheInvoke_SoLambdaRetries()
    {
        await using var app = new CapturingApp(_ => throw new InvalidOperationException("transient"));

        var result = await app.DispatchAsync("""{"Records":[{"EventSource":"aws:sns","EventSubscriptionArn":"arn:s","Sns":{"Type":"Notification","MessageId":"M1","Message":"x","Timestamp":"2026-01-02T03:04:05Z"}}]}""");

        Assert.NotNull(result.Error);
        Assert.Equal("Function.InvalidOperationException", result.ErrorTypeHeader);
    }

    [Fact]
    public async Task SqsRecord_ThatCannotBeMapped_IsABatchItemFailure_OthersSucceed()
    {
        await using var app = new CapturingApp();

        var json = await app.DispatchJsonAsync(Events.Sqs(Events.SqsRecord("m-1", """{"specversion":"1.0"}"""), Events.SqsRecord("m-2", "fine")));

        Assert.Equal("m-1", json.GetProperty("batchItemFailures")[0].GetProperty("itemIdentifier").GetString());
        Assert.Equal(1, json.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Equal("m-2", Assert.Single(app.CloudEvents).Id);
    }

    [Fact]
    public async Task StructuredCloudEvent_DirectInvoke_ReachesTheEventFunction()
    {
        await using var app = new CapturingApp();

        var result = await app.DispatchAsync(Events.OrderPlacedCloudEvent("e-9", "o-9"));

        Assert.Null(result.Error);
        Assert.Equal("e-9", Assert.Single(app.CloudEvents).Id);
    }

    [Fact]
    public async Task EmptyRecordsArray_IsAnUnknownShape()
    {
        await using var app = new CapturingApp();

        var result = await app.DispatchAsync("""{"Records":[]}""");

        Assert.Equal("Runtime.UnknownEventShape", result.ErrorTypeHeader);
    }
}
