using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Portable.Functions;
using Portable.Functions.Knative;
using Portable.Functions.Hosting;

namespace Portable.Benchmarks;

/// <summary>
/// Shared set-up of the benchmarks that drive the Knative request handler: the sample app with logging
/// removed, torn down after the run. Categories group each adapter row with its baseline.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class KnativeHandlerBenchmarks
{
    private FunctionApp? _app;

    private protected KnativeRequestHandler CreateHandler(KnativeOptions options)
    {
        _app ??= BenchmarkApp.Create();
        return new KnativeRequestHandler(_app, _app.Freeze(), options, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => _app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
