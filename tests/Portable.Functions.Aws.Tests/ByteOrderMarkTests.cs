using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Tests;

/// <summary>A UTF-8 byte-order mark before JSON (RFC 8259 §8.1: ignorable) in an event, an SQS body or Kinesis data.</summary>
public sealed class ByteOrderMarkTests
{
    private const string Bom = "\uFEFF";

    [Fact]
    public async Task EventWithByteOrderMark_IsDispatched()
    {
        await using var app = new CapturingApp();

        var result = await app.DispatchAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Events.Sqs(Events.SqsRecord("m-1", "x")))]);

        Assert.Null(result.Error);
        Assert.Equal("m-1", Assert.Single(app.CloudEvents).Id);
    }

    [Fact]
    public async Task SqsJsonBody_WithByteOrderMark_ReachesTheTypedHandler()
    {
        var values = new List<int>();
        var dispatcher = Build(a => a.MapEvent<int>(AwsEventMapper.SqsMessageType, (e, c) =>
        {
            values.Add(e.Data);
            return Task.CompletedTask;
        }));

        var result = await DispatchAsync(dispatcher, Events.Sqs(Events.SqsRecord("m-1", Bom + "42")));

        Assert.Equal(0, JsonDocument.Parse(result.Payload).RootElement.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Equal([42], values);
    }

    [Fact]
    public async Task KinesisJsonData_WithByteOrderMark_ReachesTheTypedHandler()
    {
        var values = new List<int>();
        var dispatcher = Build(a => a.MapEvent<int>(AwsEventMapper.KinesisRecordType, (e, c) =>
        {
            values.Add(e.Data);
            return Task.CompletedTask;
        }));

        var result = await DispatchAsync(dispatcher, Events.Kinesis(Events.KinesisRecord("100", Convert.ToBase64String(Encoding.UTF8.GetBytes(Bom + "7")))));

        Assert.Equal(0, JsonDocument.Parse(result.Payload).RootElement.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Equal([7], values);
    }

    [Fact]
    public void KinesisDataNotBase64_NamesKinesisData_NotIsBase64Encoded()
    {
        using var document = JsonDocument.Parse(Events.KinesisRecord("100", "not*base64"));

        var problem = Assert.Throws<FunctionProblemException>(() => AwsEventMapper.FromKinesis(document.RootElement));

        Assert.Equal(400, problem.StatusCode);
        Assert.Contains("Kinesis record's 'data' is not valid base64", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("isBase64Encoded", problem.Detail, StringComparison.Ordinal);
    }

    private static AwsEventDispatcher Build(Action<FunctionApp> map)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(TestJsonContext.Default);
        var app = builder.Build();
        map(app);
        return new AwsEventDispatcher(app, handler: null);
    }

    private static Task<AwsResult> DispatchAsync(AwsEventDispatcher dispatcher, string json)
    {
        var invocation = new AwsInvocation { RequestId = "req-1", Event = Encoding.UTF8.GetBytes(json), Deadline = DateTimeOffset.UtcNow.AddSeconds(30) };
        return dispatcher.DispatchAsync(invocation, new InvocationOptions { InvocationId = invocation.RequestId, Deadline = invocation.Deadline, NativeRequest = invocation });
    }
}
