using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;
using Portable.Functions.Knative;

namespace Portable.Functions.OpenTelemetry.Tests;

/// <summary>The Knative/local host on a real Kestrel server: spans, metrics and logs of HTTP and CloudEvent invocations.</summary>
public sealed class KnativeTelemetryTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ParentId = "00f067aa0ba902b7";

    [Fact]
    public async Task HttpInvocation_IsAServerSpan_ChildOfTraceparent_WithFaasAndHttpAttributes()
    {
        var capture = new TelemetryCapture();
        await using var server = await StartAsync(capture, app => app.MapGet("/greet/{name}", (request, context) =>
            Task.FromResult(FunctionResponse.Text("hi " + request.RouteValues["name"]))).WithName("greet"));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Addresses[0], "/greet/ada"));
        request.Headers.Add("traceparent", $"00-{TraceId}-{ParentId}-01");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var client = new HttpClient();
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var span = Assert.Single(capture.Spans);
        Assert.Equal("greet", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal(TraceId, span.TraceId.ToHexString());
        Assert.Equal(ParentId, span.ParentSpanId.ToHexString());
        Assert.Equal("http", span.GetTagItem("faas.trigger"));
        Assert.False(string.IsNullOrEmpty((string?)span.GetTagItem("faas.invocation_id")));
        Assert.Equal("greet", span.GetTagItem("faas.name"));
        Assert.IsType<bool>(span.GetTagItem("faas.coldstart"));
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("/greet/{name}", span.GetTagItem("http.route"));
        Assert.Equal("/greet/ada", span.GetTagItem("url.path"));
        Assert.Equal("https", span.GetTagItem("url.scheme"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Empty(span.Links);
    }

    [Fact]
    public async Task FailingAndSucceedingInvocations_AreCountedPerFunctionAndTrigger()
    {
        var capture = new TelemetryCapture();
        await using var server = await StartAsync(capture, app =>
        {
            app.MapGet("/ok", (request, context) => Task.FromResult(FunctionResponse.Text("ok"))).WithName("ok");
            app.MapGet("/boom", (request, context) => throw new InvalidOperationException("boom")).WithName("boom");
        });

        using var client = new HttpClient { BaseAddress = server.Addresses[0] };
        for (var i = 0; i < 2; i++)
        {
            using var ok = await client.GetAsync(new Uri("/ok", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var boom = await client.GetAsync(new Uri("/boom", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, boom.StatusCode);
        server.App.Freeze().FlushBeforeFreeze(null);

        Assert.True(capture.Spans.Count == 3, string.Join(",", capture.Spans.Select(s => s.DisplayName + "/" + s.OperationName)));
        Assert.Equal(2, capture.Value("faas.invocations", "ok"));
        Assert.Equal(2, capture.Value("faas.invoke_duration", "ok"));
        Assert.Equal(1, capture.Value("faas.invoke_duration", "boom"));
        Assert.Equal(1, capture.Value("faas.errors", "boom"));
        Assert.Equal(0, capture.Value("faas.errors", "ok"));
        Assert.Equal("http", capture.Trigger("faas.invoke_duration", "ok"));

        var failed = Assert.Single(capture.Spans, s => s.DisplayName == "boom" && s.Kind == ActivityKind.Server);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal(500, failed.GetTagItem("http.response.status_code"));
        Assert.Equal(nameof(InvalidOperationException), failed.GetTagItem("error.type"));
    }

    [Fact]
    public async Task LogLinesWrittenDuringTheInvocation_CarryItsTraceAndSpan()
    {
        var capture = new TelemetryCapture();
        await using var server = await StartAsync(capture, app => app.MapGet("/log", (request, context) =>
        {
            context.Logger.LogInformation("inside the handler");
            return Task.FromResult(FunctionResponse.Text("ok"));
        }).WithName("log"));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Addresses[0], "/log"));
        request.Headers.Add("traceparent", $"00-{TraceId}-{ParentId}-01");
        using var client = new HttpClient();
        using var response = await client.SendAsync(request);
        server.App.Freeze().FlushBeforeFreeze(null);

        var span = Assert.Single(capture.Spans);
        var line = Assert.Single(capture.Logs, l => l.FormattedMessage == "inside the handler");
        Assert.Equal(span.TraceId, line.TraceId);
        Assert.Equal(span.SpanId, line.SpanId);
    }

    [Fact]
    public async Task BinaryCloudEvent_IsASpanWithCloudEventAttributes_ChildOfTraceparent()
    {
        var capture = new TelemetryCapture();
        await using var server = await StartAsync(capture, app => app.MapCloudEvent("com.example.ping", (cloudEvent, context) => Task.FromResult<CloudEvent?>(null)).WithName("ping"));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Addresses[0], "/")) { Content = new StringContent("{}") };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "evt-1");
        request.Headers.Add("ce-source", "/tests");
        request.Headers.Add("ce-type", "com.example.ping");
        request.Headers.Add("traceparent", $"00-{TraceId}-{ParentId}-01");
        using var client = new HttpClient();
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());

        var span = Assert.Single(capture.Spans);
        Assert.Equal("ping", span.DisplayName);
        Assert.Equal(TraceId, span.TraceId.ToHexString());
        Assert.Equal(ParentId, span.ParentSpanId.ToHexString());
        Assert.Equal("evt-1", span.GetTagItem("cloudevents.event_id"));
        Assert.Equal("com.example.ping", span.GetTagItem("cloudevents.event_type"));
        Assert.Equal("other", span.GetTagItem("faas.trigger"));
    }

    private static async Task<Served> StartAsync(TelemetryCapture capture, Action<FunctionApp> map)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        capture.Configure(builder);
        var app = builder.Build();
        map(app);
        return new Served(app, await KnativeServer.StartAsync(app, new KnativeOptions { Port = 0, BindAddress = IPAddress.Loopback }));
    }

    private sealed class Served(FunctionApp app, Portable.Functions.AspNetCore.FunctionWebServer server) : IAsyncDisposable
    {
        public FunctionApp App => app;

        public IReadOnlyList<Uri> Addresses => server.Addresses;

        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync();
            await app.DisposeAsync();
        }
    }
}
