using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HelloHttp;
using Microsoft.AspNetCore.Http;
using Portable.Functions;
using Portable.Functions.Knative;

namespace Portable.Benchmarks;

/// <summary>
/// Knative host, HTTP: the real request handler (Kestrel request → neutral request → routing → function
/// → response written back) on a <see cref="DefaultHttpContext"/>, without sockets.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class KnativeHttpBenchmarks
{
    private static readonly byte[] s_order = HttpContexts.Utf8("""{"id":"o-1","quantity":2}""");
    private FunctionApp _app = null!;
    private KnativeRequestHandler _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _app = BenchmarkApp.Create();
        _handler = new KnativeRequestHandler(_app, _app.Invoker, new KnativeOptions(), CancellationToken.None);
        HttpContexts.RequireStatus(_handler.HandleAsync, HttpContexts.Get("/hello", "?name=Ada"), 200);
        HttpContexts.RequireStatus(_handler.HandleAsync, HttpContexts.Post("/orders", s_order, "application/json"), 200);
    }

    [GlobalCleanup]
    public void Cleanup() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Baseline: the same greeting written by a bare ASP.NET Core request delegate (no routing, no SDK).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Knative GET /hello")]
    public Task BareRequestDelegate_GetHello()
    {
        var http = HttpContexts.Get("/hello", "?name=Ada");
        var name = http.Request.Query["name"].ToString();
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync("Hello, " + (string.IsNullOrWhiteSpace(name) ? "world" : name) + "!");
    }

    [Benchmark, BenchmarkCategory("Knative GET /hello")]
    public Task Knative_GetHello() => _handler.HandleAsync(HttpContexts.Get("/hello", "?name=Ada"));

    /// <summary>Baseline: System.Text.Json deserialising the body into the POCO (the least any adapter must do).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Knative POST /orders (typed JSON)")]
    public Order? Stj_Order() => JsonSerializer.Deserialize(s_order, SampleJsonContext.Default.Order);

    [Benchmark, BenchmarkCategory("Knative POST /orders (typed JSON)")]
    public Task Knative_PostOrder() => _handler.HandleAsync(HttpContexts.Post("/orders", s_order, "application/json"));
}
