using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Http;
using Portable.Functions;
using Portable.Functions.Knative;

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

    private protected FunctionApp App => _app ??= BenchmarkApp.Create();

    private protected RequestDelegate CreateHandler(KnativeOptions options) => KnativeServer.CreateRequestDelegate(App, options);

    [GlobalCleanup]
    public void Cleanup() => _app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
