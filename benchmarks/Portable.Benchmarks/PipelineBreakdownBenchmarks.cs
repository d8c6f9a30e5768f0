using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Portable.Functions;

namespace Portable.Benchmarks;

/// <summary>
/// Where the Knative GET /hello time goes: the core pipeline alone (a neutral request straight into
/// <see cref="FunctionInvoker"/>), and the per-invocation deadline token it creates (a linked
/// <see cref="CancellationTokenSource"/> armed with a timer).
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class PipelineBreakdownBenchmarks
{
    private readonly CancellationTokenSource _shutdown = new();
    private FunctionApp _app = null!;
    private InvocationOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _app = BenchmarkApp.Create();
        _options = new InvocationOptions { HostShutdown = _shutdown.Token };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _shutdown.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Breakdown")]
    public void DeadlineToken()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        deadline.CancelAfter(TimeSpan.FromMinutes(5));
    }

    [Benchmark, BenchmarkCategory("Breakdown")]
    public Task<FunctionResponse> Core_InvokeHttp_GetHello() =>
        _app.Invoker.InvokeHttpAsync(new FunctionRequest("GET", "/hello") { QueryString = "name=Ada" }, _options);
}
