using System.Text;
using Portable.Functions.Testing;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// The README's "Delivery guarantees" table, AWS rows: for each record source and failure class, whether
/// the adapter acknowledges the record (Lambda then deletes it / moves the checkpoint on) or not (in
/// <c>batchItemFailures</c> for SQS/Kinesis/DynamoDB, a failed invoke for SNS/EventBridge/Kafka, so Lambda
/// retries and finally dead-letters it).
/// </summary>
public sealed class DeliveryGuaranteeTests
{
    public static TheoryData<string> Sources => ["sqs", "sns", "eventbridge", "kinesis", "dynamodb", "kafka"];

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task HandlerException_IsNotAcknowledged(string source)
    {
        await using var app = Build(source, a => a.MapCloudEvent(TypeOf(source), (e, c) => throw new InvalidOperationException("transient")));

        AssertNotAcknowledged(source, await app.DispatchAsync(Event(source, """{"a":1}""")));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Deadline_IsNotAcknowledged(string source)
    {
        await using var app = Build(source, a => a.MapCloudEvent(TypeOf(source), async (e, c) =>
        {
            await Task.Delay(Timeout.Infinite, c.CancellationToken);
            return null;
        }));

        AssertNotAcknowledged(source, await app.DispatchAsync(Event(source, """{"a":1}"""), TimeSpan.FromMilliseconds(700)));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task UnknownEventType_IsNotAcknowledged(string source)
    {
        await using var app = Build(source, a => a.MapCloudEvent("com.example.other", (e, c) => Task.FromResult<CloudEvent?>(null)));

        AssertNotAcknowledged(source, await app.DispatchAsync(Event(source, """{"a":1}""")));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task UndeserializableData_IsNotAcknowledged(string source)
    {
        var invoked = false;
        await using var app = Build(source, a => a.MapEvent<int>(TypeOf(source), (e, c) =>
        {
            invoked = true;
            return Task.CompletedTask;
        }));

        AssertNotAcknowledged(source, await app.DispatchAsync(Event(source, """{"a":1}""")));
        Assert.False(invoked);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task UnknownEventType_WithDropPolicy_IsAcknowledged(string source)
    {
        await using var app = Build(
            source,
            a => a.MapCloudEvent("com.example.other", (e, c) => Task.FromResult<CloudEvent?>(null)),
            b => b.Options.UndeliverableEvents = UndeliverableEventPolicy.Drop);

        AssertAcknowledged(source, await app.DispatchAsync(Event(source, """{"a":1}""")));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task MalformedEnvelope_IsNotAcknowledged(string source)
    {
        await using var app = Build(source, a => a.MapCloudEvent(null, (e, c) => Task.FromResult<CloudEvent?>(null)));

        AssertNotAcknowledged(source, await app.DispatchAsync(MalformedEvent(source)));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task DropEventException_IsAcknowledged(string source)
    {
        await using var app = Build(source, a => a.MapCloudEvent(TypeOf(source), (e, c) => throw new DropEventException("poison")));

        AssertAcknowledged(source, await app.DispatchAsync(Event(source, """{"a":1}""")));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task CrashMidBatch_NothingIsAcknowledgedBeforeTheWholeEventIsDone(string source)
    {
        // A process that dies while a handler runs has posted nothing to the Runtime API: Lambda then
        // retries the whole invoke (SQS: the messages reappear after the visibility timeout).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = Build(source, a => a.MapCloudEvent(TypeOf(source), async (e, c) =>
        {
            started.TrySetResult();
            await release.Task;
            return null;
        }));

        var dispatch = app.DispatchAsync(Event(source, """{"a":1}"""));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(dispatch.IsCompleted);
        release.SetResult();
        AssertAcknowledged(source, await dispatch.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task SqsPlainTextBody_ForTypedEventFunction_IsABatchItemFailure()
    {
        await using var app = Build("sqs", a => a.MapEvent<int>(AwsEventMapper.SqsMessageType, (e, c) => Task.CompletedTask));

        AssertNotAcknowledged("sqs", await app.DispatchAsync(Events.Sqs(Events.SqsRecord("m-1", "plain text, not JSON"))));
    }

    [Fact]
    public async Task SqsBatch_OnlyTheUndeliverableRecordFails_TheOthersAreHandled()
    {
        var handled = new List<string>();
        await using var app = Build("sqs", a => a.MapEvent<int>(AwsEventMapper.SqsMessageType, (e, c) =>
        {
            handled.Add(e.Id);
            return Task.CompletedTask;
        }));

        var result = await app.DispatchAsync(Events.Sqs(Events.SqsRecord("m-1", "1"), Events.SqsRecord("m-2", "not a number"), Events.SqsRecord("m-3", "3")));

        Assert.Equal<string>(["m-2"], result.BatchItemFailures);
        Assert.Equal<string>(["m-1", "m-3"], handled);
    }

    private static string TypeOf(string source) => source switch
    {
        "sqs" => AwsEventMapper.SqsMessageType,
        "sns" => "com.amazonaws.sns.Notification",
        "eventbridge" => "Order Placed",
        "kinesis" => AwsEventMapper.KinesisRecordType,
        "kafka" => AwsKafkaMapper.KafkaRecordType,
        _ => "com.amazonaws.dynamodb.INSERT",
    };

    private static bool IsBatch(string source) => source is "sqs" or "kinesis" or "dynamodb";

    private static string Identifier(string source) => source == "sqs" ? "m-1" : "100";

    /// <summary>One event of the source carrying <paramref name="json"/> as its data.</summary>
    private static string Event(string source, string json) => source switch
    {
        "sqs" => Events.Sqs(Events.SqsRecord("m-1", json)),
        "sns" => """{"Records":[{"EventSource":"aws:sns","EventSubscriptionArn":"arn:aws:sns:eu-west-1:1:t:s","Sns":{"Type":"Notification","MessageId":"M1","TopicArn":"arn:aws:sns:eu-west-1:1:t","Message":"x","Timestamp":"2026-01-02T03:04:05Z"}}]}""",
        "eventbridge" => """{"version":"0","id":"eb-1","detail-type":"Order Placed","source":"com.example.shop","account":"1","time":"2026-01-02T03:04:05Z","region":"eu-west-1","resources":[],"detail":""" + json + "}",
        "kinesis" => Events.Kinesis(Events.KinesisRecord("100", Convert.ToBase64String(Encoding.UTF8.GetBytes(json)))),
        "kafka" => KafkaEvents.Msk(("orders-0", [KafkaEvents.Record("orders", 0, 100, json)])),
        _ => DynamoDb("INSERT", """{"Keys":{"id":{"S":"1"}},"SequenceNumber":"100","SizeBytes":10,"StreamViewType":"KEYS_ONLY"}"""),
    };

    private static string MalformedEvent(string source) => source switch
    {
        // A body that claims to be a structured CloudEvent but has no id, source or type.
        "sqs" => Events.Sqs(Events.SqsRecord("m-1", """{"specversion":"1.0"}""")),
        "sns" => """{"Records":[{"EventSource":"aws:sns","Sns":{"Type":"Notification","Message":"x"}}]}""",
        "eventbridge" => """{"detail-type":"Order Placed","source":"com.example.shop","detail":{}}""",
        "kinesis" => Events.Kinesis(Events.KinesisRecord("100", "not*base64")),
        "kafka" => KafkaEvents.Msk(("orders-0", [KafkaEvents.Record("orders", 0, 100, string.Empty, rawValue: "not*base64")])),
        _ => DynamoDb(string.Empty, """{"SequenceNumber":"100"}"""),
    };

    private static string DynamoDb(string eventName, string dynamodb) =>
        "{\"Records\":[{\"eventID\":\"d-1\",\"eventName\":\"" + eventName + "\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\","
        + "\"eventSourceARN\":\"arn:aws:dynamodb:eu-west-1:1:table/t/stream/2026\",\"dynamodb\":" + dynamodb + "}]}";

    private static void AssertNotAcknowledged(string source, AwsAnswer answer)
    {
        if (IsBatch(source))
        {
            Assert.Equal<string>([Identifier(source)], answer.BatchItemFailures);
        }
        else
        {
            Assert.True(answer.IsError, answer.ToString());
        }
    }

    private static void AssertAcknowledged(string source, AwsAnswer answer)
    {
        if (IsBatch(source))
        {
            Assert.Empty(answer.BatchItemFailures);
        }
        else
        {
            Assert.False(answer.IsError, answer.ToString());
        }
    }

    // The app as a user's builder method makes it, run by the Testing package's host through the AWS
    // adapter's real runtime dispatch (no Runtime API, no sockets).
    private static DeliveryApp Build(string source, Action<FunctionApp> map, Action<FunctionAppBuilder>? configure = null)
    {
        _ = source;
        return new DeliveryApp(FunctionTestHost.Create(builder =>
        {
            builder.UseAws();
            builder.AddJsonContext(TestJsonContext.Default);
            configure?.Invoke(builder);
            var app = builder.Build();
            map(app);
            return app;
        }));
    }

    private sealed class DeliveryApp(FunctionTestHost host) : IAsyncDisposable
    {
        public async Task<AwsAnswer> DispatchAsync(string json, TimeSpan? timeout = null) =>
            (await host.Native("aws").InvokeAsync(AwsEvents.Raw(json, "req-1"), DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30)))).AsAws();

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
