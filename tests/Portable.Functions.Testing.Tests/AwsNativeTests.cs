using System.Collections.Concurrent;
using System.Text;

namespace Portable.Functions.Testing.Tests;

/// <summary>AWS Lambda events through the AWS adapter's real dispatcher, in memory: what the runtime would post back.</summary>
public sealed class AwsNativeTests
{
    private readonly ConcurrentQueue<CloudEvent> _received = new();

    [Fact]
    public async Task HttpApiRequest_AnswersWithTheFunctionsResponse_InPayload2Shape()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.HttpApiRequest("GET", "/hello?name=Ada"))).AsAws();

        Assert.False(answer.IsError);
        Assert.Equal(200, answer.StatusCode);
        Assert.StartsWith("Hello, Ada! (aws-lambda ", answer.ReadBodyAsString(), StringComparison.Ordinal);
        Assert.Equal(["seen=1; Path=/"], answer.Cookies);
        Assert.StartsWith("text/plain", answer.Header("content-type"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rest")]
    [InlineData("alb")]
    [InlineData("url")]
    public async Task EveryHttpSource_ReachesTheRoute_AndAnswersInItsOwnShape(string source)
    {
        await using var host = Host();
        var request = source switch
        {
            "rest" => AwsEvents.ApiGatewayV1("GET", "/hello?name=Bo"),
            "alb" => AwsEvents.Alb("GET", "/hello?name=Bo"),
            _ => AwsEvents.FunctionUrl("GET", "/hello?name=Bo"),
        };

        var answer = (await host.Native("aws").InvokeAsync(request)).AsAws();

        Assert.Equal(200, answer.StatusCode);
        Assert.StartsWith("Hello, Bo!", answer.ReadBodyAsString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Answers404Problem_NotARuntimeError()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.HttpApiRequest("GET", "/nope"))).AsAws();

        Assert.False(answer.IsError);
        Assert.Equal(404, answer.StatusCode);
        Assert.Equal(404, answer.ReadBodyAsJson().GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Sqs_FailedMessage_IsListedInBatchItemFailures_DroppedOneIsNot()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.Sqs(("m-1", "ok"), ("m-2", "please fail"), ("m-3", "please drop")))).AsAws();

        Assert.Equal(["m-2"], answer.BatchItemFailures);
        Assert.Equal(["m-1", "m-2", "m-3"], _received.Select(e => e.Id));
    }

    [Fact]
    public async Task Sqs_AllSucceed_ReportsNoFailures()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.Sqs(("a", "ok"), ("b", "fine")))).AsAws();

        Assert.Empty(answer.BatchItemFailures);
    }

    [Fact]
    public async Task Kinesis_Failure_IsReportedBySequenceNumber_AndStopsTheShard()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.Kinesis(("k", "ok"), ("k", "fail"), ("k", "ok")))).AsAws();

        Assert.Equal("2", answer.BatchItemFailures[0]);
        Assert.Equal(2, _received.Count);
    }

    [Fact]
    public async Task DynamoDb_FailedRecord_IsReportedBySequenceNumber()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.DynamoDb(("INSERT", """{"note":{"S":"ok"}}"""), ("INSERT", """{"note":{"S":"fail"}}""")))).AsAws();

        Assert.Equal("2", answer.BatchItemFailures[0]);
    }

    [Fact]
    public async Task Sns_S3_EventBridge_ReachTheFunctionForTheirType()
    {
        await using var host = Host();
        var aws = host.Native("aws");

        foreach (var request in new[] { AwsEvents.Sns("hello", "subject"), AwsEvents.S3("bucket-1", "a/b.txt"), AwsEvents.EventBridge("com.example.orders", "OrderShipped", """{"orderId":"o-1"}""") })
        {
            var answer = (await aws.InvokeAsync(request)).AsAws();
            Assert.False(answer.IsError, answer.ToString());
        }

        Assert.Equal(["com.amazonaws.sns.Notification", "com.amazonaws.s3.ObjectCreated:Put", "OrderShipped"], _received.Select(e => e.Type));
        Assert.Contains("o-1", Encoding.UTF8.GetString(_received.Last().Data.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventBridge_HandlerFailure_FailsTheInvocation_SoLambdaRetries()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.EventBridge("com.example.orders", "OrderShipped", """{"note":"fail"}"""))).AsAws();

        Assert.True(answer.IsError);
        Assert.StartsWith("Function.", answer.ErrorType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedEvent_IsARuntimeError_WithItsReason()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.Raw("{not json"))).AsAws();

        Assert.Equal("Runtime.InvalidEvent", answer.ErrorType);
        Assert.Contains("not valid JSON", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_FiresTheFunctionsToken_AndAnswers504()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.HttpApiRequest("GET", "/slow"), DateTimeOffset.UtcNow.AddMilliseconds(100))).AsAws();

        Assert.Equal(504, answer.StatusCode);
    }

    [Fact]
    public async Task Cancellation_FiresTheFunctionsToken_AndAnswers499()
    {
        await using var host = Host();
        using var cancel = new CancellationTokenSource();

        var call = host.Native("aws").InvokeAsync(AwsEvents.HttpApiRequest("GET", "/slow"), cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        Assert.Equal(499, (await call).AsAws().StatusCode);
    }

    [Fact]
    public async Task RequestId_IsTheInvocationId_InTheAnswerAndTheFunction()
    {
        await using var host = Host();

        var answer = await host.Native("aws").InvokeAsync(AwsEvents.Raw(
            Encoding.UTF8.GetString(AwsEvents.HttpApiRequest("GET", "/hello").Body.Span), requestId: "req-42"));

        Assert.Equal("req-42", answer.Headers.GetFirst("Lambda-Runtime-Aws-Request-Id"));
        Assert.EndsWith("req-42)", answer.AsAws().ReadBodyAsString(), StringComparison.Ordinal);
    }

    private FunctionTestHost Host() => FunctionTestHost.Create(b => NativeApp.Build(b, _received));
}
