using System.Diagnostics;
using HybridGateway.Gateway;
using Portable.Functions.Hosting;
using Portable.Functions.Testing;

namespace HybridGateway.Tests;

/// <summary>The backend joins the caller's trace through the gateway, with tracing on or off.</summary>
public sealed class TracePropagationTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpan = "00f067aa0ba902b7";
    private const string CallerTraceParent = $"00-{TraceId}-{CallerSpan}-01";

    [Fact]
    public async Task WithoutTracing_TheCallersTraceParentIsPassedOn()
    {
        await using var backend = await BackendServer.StartAsync();
        await using var gateway = FunctionTestHost.Create(GatewayApp.Build, o => o.Configuration["Backend:BaseUrl"] = backend.Address.ToString());

        var response = await gateway.GetAsync("/stock/MUG-01", new InvocationOptions { TraceParent = CallerTraceParent });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal([CallerTraceParent], Assert.Single(backend.Requests).TraceParents);
    }

    [Fact]
    public async Task WithTracing_TheBackendsParentIsTheGatewaysClientSpan_InTheCallersTrace()
    {
        // What UseOpenTelemetry() with HttpClient instrumentation does: record the SDK's invocation spans
        // and HttpClient's client spans.
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is FunctionInvoker.ActivitySourceName or "System.Net.Http",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var backend = await BackendServer.StartAsync();
        await using var gateway = FunctionTestHost.Create(GatewayApp.Build, o => o.Configuration["Backend:BaseUrl"] = backend.Address.ToString());

        var response = await gateway.GetAsync("/stock/MUG-01", new InvocationOptions { TraceParent = CallerTraceParent });

        Assert.Equal(200, response.StatusCode);
        Activity gatewaySpan, clientSpan;
        lock (spans)
        {
            gatewaySpan = Assert.Single(spans, s => s.ParentSpanId.ToHexString() == CallerSpan);
            clientSpan = Assert.Single(spans, s => s.ParentSpanId == gatewaySpan.SpanId);
        }

        // caller → gateway invocation span → HttpClient span → backend, one trace throughout.
        Assert.Equal(TraceId, gatewaySpan.TraceId.ToHexString());
        Assert.Equal(ActivityKind.Client, clientSpan.Kind);
        Assert.Equal([$"00-{TraceId}-{clientSpan.SpanId.ToHexString()}-01"], Assert.Single(backend.Requests).TraceParents);
    }
}
