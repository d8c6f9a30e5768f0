using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Portable.Benchmarks.Baselines;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Hosting;

namespace Portable.Benchmarks;

/// <summary>
/// AWS Lambda: one event as the Runtime API delivers it through the real dispatcher (shape detection,
/// mapping to the neutral model, the pipeline, the native response JSON), against System.Text.Json
/// deserialising the same event into a hand-written POCO. The Runtime API's HTTP round trip is not
/// included on either side.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class AwsLambdaBenchmarks
{
    private static readonly PlatformInfo s_platform = new("aws", new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_LAMBDA_FUNCTION_NAME"] = "hello",
        ["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:123456789012:function:hello",
    });

    private FunctionApp _app = null!;
    private AwsEventDispatcher _dispatcher = null!;

    [GlobalSetup]
    public void Setup()
    {
        _app = BenchmarkApp.Create();
        _dispatcher = new AwsEventDispatcher(_app, handler: null);
        Require(NativePayloads.HttpApiV2, "\"statusCode\":200");
        Require(NativePayloads.FunctionUrl, "\"statusCode\":200");
        Require(NativePayloads.Alb, "\"statusCode\":200");
        Require(NativePayloads.SqsBatchOfTen, "\"batchItemFailures\":[]");
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true), BenchmarkCategory("AWS API Gateway HTTP API v2")]
    public HttpApiV2Event? Stj_HttpApiV2() => JsonSerializer.Deserialize(NativePayloads.HttpApiV2, NativeJsonContext.Default.HttpApiV2Event);

    [Benchmark, BenchmarkCategory("AWS API Gateway HTTP API v2")]
    public Task<ReadOnlyMemory<byte>> Aws_HttpApiV2() => DispatchAsync(NativePayloads.HttpApiV2);

    [Benchmark(Baseline = true), BenchmarkCategory("AWS Function URL")]
    public HttpApiV2Event? Stj_FunctionUrl() => JsonSerializer.Deserialize(NativePayloads.FunctionUrl, NativeJsonContext.Default.HttpApiV2Event);

    [Benchmark, BenchmarkCategory("AWS Function URL")]
    public Task<ReadOnlyMemory<byte>> Aws_FunctionUrl() => DispatchAsync(NativePayloads.FunctionUrl);

    [Benchmark(Baseline = true), BenchmarkCategory("AWS ALB")]
    public AlbEvent? Stj_Alb() => JsonSerializer.Deserialize(NativePayloads.Alb, NativeJsonContext.Default.AlbEvent);

    [Benchmark, BenchmarkCategory("AWS ALB")]
    public Task<ReadOnlyMemory<byte>> Aws_Alb() => DispatchAsync(NativePayloads.Alb);

    [Benchmark(Baseline = true), BenchmarkCategory("AWS SQS batch of 10")]
    public SqsEvent? Stj_SqsBatch() => JsonSerializer.Deserialize(NativePayloads.SqsBatchOfTen, NativeJsonContext.Default.SqsEvent);

    /// <summary>Ten records, each a CloudEvent invoked through the pipeline, answered with <c>batchItemFailures</c>.</summary>
    [Benchmark, BenchmarkCategory("AWS SQS batch of 10")]
    public Task<ReadOnlyMemory<byte>> Aws_SqsBatch() => DispatchAsync(NativePayloads.SqsBatchOfTen);

    private async Task<ReadOnlyMemory<byte>> DispatchAsync(byte[] payload)
    {
        // As the runtime loop builds them for each /next answer.
        var invocation = new AwsInvocation
        {
            RequestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
            Deadline = DateTimeOffset.UtcNow.AddSeconds(30),
            TraceId = "Root=1-5bdb40ca-556d8b0c50dc66f0511bf520;Parent=35465b2a2d9fbe52;Sampled=1",
            Event = payload,
        };
        var options = new InvocationOptions
        {
            Platform = s_platform,
            InvocationId = invocation.RequestId,
            Deadline = invocation.Deadline,
            TraceParent = "00-5bdb40ca556d8b0c50dc66f0511bf520-35465b2a2d9fbe52-01",
            NativeRequest = invocation,
        };
        var result = await _dispatcher.DispatchAsync(invocation, options).ConfigureAwait(false);
        return result.Payload;
    }

    /// <summary>Fails the set-up unless the event is answered as expected, so no row times an error path.</summary>
    private void Require(byte[] payload, string expected)
    {
        var answer = Encoding.UTF8.GetString(DispatchAsync(payload).GetAwaiter().GetResult().Span);
        if (!answer.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected {expected} in the answer, got: {answer}");
        }
    }
}
