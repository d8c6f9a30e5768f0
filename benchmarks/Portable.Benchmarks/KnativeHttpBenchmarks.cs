using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HelloHttp;
using Microsoft.AspNetCore.Http;
using Portable.Functions;
using Portable.Functions.AspNetCore;
using Portable.Functions.Gcp;
using Portable.Functions.Hosting;
using Portable.Functions.Knative;

namespace Portable.Benchmarks;

/// <summary>
/// Knative host, HTTP: the real request handler (Kestrel request → neutral request → routing → function
/// → response written back) on a <see cref="DefaultHttpContext"/>, without sockets.
/// </summary>
public class KnativeHttpBenchmarks : KnativeHandlerBenchmarks
{
    private static readonly byte[] s_order = HttpContexts.Utf8("""{"id":"o-1","quantity":2}""");
    private RequestDelegate _handler = null!;
    private RequestDelegate _singleTarget = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handler = CreateHandler(new KnativeOptions());
        HttpContexts.RequireStatus(_handler.Invoke, HttpContexts.Get("/hello", "?name=Ada"), 200);

        // Cloud Run functions mode as the GCP host composes it on the bridge: one target on every path.
        _singleTarget = FunctionWebServer.CreateRequestDelegate(App, new FunctionWebServerOptions(), new GcpRequestHandler(App, App.Freeze().FindByName("hello")!, new PlatformInfo("gcp"), CancellationToken.None).HandleAsync);
        HttpContexts.RequireStatus(_singleTarget.Invoke, HttpContexts.Get("/", "?name=Ada"), 200);
        HttpContexts.RequireStatus(_handler.Invoke, HttpContexts.Post("/orders", s_order, "application/json"), 200);
    }

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
    public Task Knative_GetHello() => _handler(HttpContexts.Get("/hello", "?name=Ada"));

    [Benchmark, BenchmarkCategory("Knative GET /hello")]
    public Task GcfSingleTarget_GetHello() => _singleTarget(HttpContexts.Get("/", "?name=Ada"));

    /// <summary>Baseline: System.Text.Json deserialising the body into the POCO (the least any adapter must do).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Knative POST /orders (typed JSON)")]
    public Order? Stj_Order() => JsonSerializer.Deserialize(s_order, SampleJsonContext.Default.Order);

    /// <summary>
    /// Reference, not the baseline: what a bare ASP.NET Core request delegate costs for the same work
    /// (read the body, deserialize, serialize the receipt, write it), to show how much of the ratio any
    /// HTTP host pays before an SDK does anything.
    /// </summary>
    [Benchmark, BenchmarkCategory("Knative POST /orders (typed JSON)")]
    public async Task BareRequestDelegate_PostOrder()
    {
        var http = HttpContexts.Post("/orders", s_order, "application/json");
        var order = await JsonSerializer.DeserializeAsync(http.Request.Body, SampleJsonContext.Default.Order).ConfigureAwait(false);
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, new OrderReceipt(order!.Id, order.Quantity, "accepted"), SampleJsonContext.Default.OrderReceipt).ConfigureAwait(false);
    }

    [Benchmark, BenchmarkCategory("Knative POST /orders (typed JSON)")]
    public Task Knative_PostOrder() => _handler(HttpContexts.Post("/orders", s_order, "application/json"));
}
