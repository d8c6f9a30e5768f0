using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Portable.Benchmarks.Baselines;
using Portable.Functions;
using Portable.Functions.Azure;

namespace Portable.Benchmarks;

/// <summary>
/// Azure Functions custom handler, HTTP trigger: the host's invocation payload POSTed to
/// <c>/hello</c> through the real request handler (payload parse, mapping, pipeline, the
/// <c>Outputs</c>/<c>ReturnValue</c> JSON written back), against System.Text.Json deserialising the
/// same payload into a hand-written POCO.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class AzureCustomHandlerBenchmarks
{
    private FunctionApp _app = null!;
    private AzurePayloadMapper _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _app = BenchmarkApp.Create();
        _handler = new AzurePayloadMapper(_app, new AzureCustomHandlerOptions(), AzurePayloadMapper.CreatePlatform(_app), CancellationToken.None);
        HttpContexts.RequireStatus(_handler.HandleAsync, Invocation(), 200);
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true), BenchmarkCategory("Azure custom handler HTTP")]
    public AzureHttpInvocation? Stj_AzureHttp() => JsonSerializer.Deserialize(NativePayloads.AzureHttp, NativeJsonContext.Default.AzureHttpInvocation);

    [Benchmark, BenchmarkCategory("Azure custom handler HTTP")]
    public Task Azure_Http() => _handler.HandleAsync(Invocation());

    private static Microsoft.AspNetCore.Http.DefaultHttpContext Invocation() =>
        HttpContexts.Post("/hello", NativePayloads.AzureHttp, "application/json", ("X-Azure-Functions-InvocationId", "0b6ba0f2-8b8e-4d1e-9d6c-6f6c6b2f0a11"));
}
