using System.Diagnostics;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// What <see cref="FunctionContext.TraceContext"/> says while something listens to the invocation source:
/// the invocation's span when it is recorded, else the trace the platform sent (a sampler may leave the span out).
/// The listener samples only this class's function, whose name no other test uses, so tests running beside
/// these see no span of theirs change.
/// </summary>
public sealed class InvocationTraceContextTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ParentId = "00f067aa0ba902b7";
    private const string Function = "trace-context-probe";

    [Fact]
    public async Task RecordedSpan_IsTheTraceContext_ChildOfTheIncomingTrace()
    {
        using var listener = Listen(ActivitySamplingResult.AllDataAndRecorded);

        var (context, activity) = await InvokeAsync($"00-{TraceId}-{ParentId}-01");

        Assert.NotNull(activity);
        Assert.Equal(TraceId, context.TraceId.ToHexString());
        Assert.Equal(activity.SpanId, context.SpanId);
        Assert.NotEqual(ParentId, context.SpanId.ToHexString());
        Assert.False(context.IsRemote);
    }

    [Fact]
    public async Task SpanLeftOutBySampler_TheTraceContextIsTheIncomingOne()
    {
        using var listener = Listen(ActivitySamplingResult.None);

        var (context, activity) = await InvokeAsync($"00-{TraceId}-{ParentId}-01");

        Assert.Null(activity);
        Assert.Equal((TraceId, ParentId, ActivityTraceFlags.Recorded, true), (context.TraceId.ToHexString(), context.SpanId.ToHexString(), context.TraceFlags, context.IsRemote));
    }

    [Fact]
    public async Task SpanLeftOutBySampler_WithoutAnIncomingTrace_HasNoTraceContext()
    {
        using var listener = Listen(ActivitySamplingResult.None);

        var (context, activity) = await InvokeAsync(null);

        Assert.Null(activity);
        Assert.Equal(default, context);
    }

    private static ActivityListener Listen(ActivitySamplingResult sampling)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FunctionInvoker.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => options.Name == Function ? sampling : ActivitySamplingResult.None,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static async Task<(ActivityContext Context, Activity? Activity)> InvokeAsync(string? traceParent)
    {
        (ActivityContext, Activity?) seen = default;
        await using var app = TestApp.Create(a => a.MapGet("/trace", (request, context) =>
        {
            seen = (context.TraceContext, context.Activity);
            return Task.FromResult(new FunctionResponse(204));
        }).WithName(Function));

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/trace"), new InvocationOptions { TraceParent = traceParent });

        Assert.Equal(204, response.StatusCode);
        return seen;
    }
}
