using Microsoft.AspNetCore.Http;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HelloHttp;
using Portable.Functions.Knative;

namespace Portable.Benchmarks;

/// <summary>
/// Knative Eventing delivery of a CloudEvent (binary and structured mode) through the real request
/// handler: parse, route by type, invoke the typed event function, write the reply event.
/// </summary>
public class CloudEventBenchmarks : KnativeHandlerBenchmarks
{
    private static readonly byte[] s_data = HttpContexts.Utf8("""{"orderId":"o-1","quantity":2}""");
    private static readonly byte[] s_structured = HttpContexts.Utf8($$$"""
        {"specversion":"1.0","id":"e-1","source":"/shop","type":"{{{HelloHttpApp.OrderPlacedType}}}","time":"2026-11-25T00:00:00Z","datacontenttype":"application/json","data":{"orderId":"o-1","quantity":2}}
        """);

    private static readonly (string, string)[] s_binaryHeaders =
    [
        ("ce-specversion", "1.0"), ("ce-id", "e-1"), ("ce-source", "/shop"), ("ce-type", HelloHttpApp.OrderPlacedType), ("ce-time", "2026-11-25T00:00:00Z"),
    ];

    private RequestDelegate _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handler = CreateHandler(new KnativeOptions());

        // The sample replies with an order.confirmed event, so success is 200 with the reply.
        HttpContexts.RequireStatus(_handler.Invoke, HttpContexts.Post("/", s_data, "application/json", s_binaryHeaders), 200);
        HttpContexts.RequireStatus(_handler.Invoke, HttpContexts.Post("/", s_structured, "application/cloudevents+json; charset=utf-8"), 200);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("CloudEvent binary")]
    public OrderPlaced? Stj_BinaryData() => JsonSerializer.Deserialize(s_data, SampleJsonContext.Default.OrderPlaced);

    [Benchmark, BenchmarkCategory("CloudEvent binary")]
    public Task Knative_Binary() => _handler(HttpContexts.Post("/", s_data, "application/json", s_binaryHeaders));

    [Benchmark(Baseline = true), BenchmarkCategory("CloudEvent structured")]
    public CloudEventEnvelope? Stj_StructuredEnvelope() => JsonSerializer.Deserialize(s_structured, BenchmarkJsonContext.Default.CloudEventEnvelope);

    [Benchmark, BenchmarkCategory("CloudEvent structured")]
    public Task Knative_Structured() => _handler(HttpContexts.Post("/", s_structured, "application/cloudevents+json; charset=utf-8"));
}
