using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Portable.Functions;
using Portable.Functions.Hosting;

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
    private static readonly AsyncLocal<object?> s_current = new();
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

    /// <summary>The invocation id the pipeline makes when the platform gives none (Knative, GCF).</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public string InvocationIdGuid() => Guid.NewGuid().ToString("N");

    /// <summary>Setting and restoring an async-local, as the pipeline does for <c>FunctionContext.Current</c>.</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public async Task AsyncLocalSetRestore()
    {
        var previous = s_current.Value;
        s_current.Value = this;
        await Task.CompletedTask;
        s_current.Value = previous;
    }

    /// <summary>The neutral request the handler builds, with the query parsed as the hello function reads it.</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public bool RequestAndQuery() => new FunctionRequest("GET", "/hello") { QueryString = "name=Ada" }.Query.ContainsKey("name");

    /// <summary>The hello function's response object.</summary>
    [Benchmark, BenchmarkCategory("Breakdown")]
    public FunctionResponse TextResponse() => FunctionResponse.Text("Hello, Ada!");

    [Benchmark, BenchmarkCategory("Breakdown")]
    public Task<FunctionResponse> Core_InvokeHttp_GetHello() =>
        _app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/hello") { QueryString = "name=Ada" }, _options);
}
