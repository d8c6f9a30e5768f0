using System.Diagnostics;
using System.Text;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// An HTTP, event or JSON invocation starts its own span, setting aside an unrecorded ambient activity (a host's
/// request activity nobody records); whether the function finishes synchronously or not, the caller gets
/// its ambient activity back. The listener samples only this class's functions, whose names no other test uses.
/// </summary>
public sealed class InvocationAmbientActivityTests
{
    private const string EventFunction = "ambient-probe-event";
    private const string JsonFunction = "ambient-probe-json";
    private const string HttpFunction = "ambient-probe-http";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EventInvocation_GivesTheCallerItsAmbientActivityBack(bool awaits)
    {
        using var listener = Listen();
        Activity? inside = null;
        await using var app = TestApp.Create(a => a.MapEvent<Order>("ambient.order", async (e, c) =>
        {
            if (awaits)
            {
                await Task.Yield();
            }

            inside = Activity.Current;
        }).WithName(EventFunction));
        var invoker = app.Freeze();
        using var ambient = new Activity("host-request").Start();

        var result = await invoker.InvokeEventAsync(Event("ambient.order"));

        Assert.Equal(EventOutcome.Success, result.Outcome);
        Assert.Equal(EventFunction, inside?.OperationName);
        Assert.Same(ambient, Activity.Current);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task JsonInvocation_GivesTheCallerItsAmbientActivityBack(bool awaits)
    {
        using var listener = Listen();
        Activity? inside = null;
        FunctionDescriptor? typed = null;
        await using var app = TestApp.Create(a => typed = a.MapPost<Order, Receipt>("/ambient", async (o, c) =>
        {
            if (awaits)
            {
                await Task.Yield();
            }

            inside = Activity.Current;
            return new Receipt(o.Id, "ok");
        }).WithName(JsonFunction));
        var invoker = app.Freeze();
        using var ambient = new Activity("host-request").Start();

        var result = await invoker.InvokeJsonAsync(typed!, """{"id":"o-1","quantity":1}"""u8.ToArray());

        Assert.Null(result.Error);
        Assert.Equal(JsonFunction, inside?.OperationName);
        Assert.Same(ambient, Activity.Current);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HttpInvocation_GivesTheCallerItsAmbientActivityBack(bool awaits)
    {
        using var listener = Listen();
        Activity? inside = null;
        await using var app = TestApp.Create(a => a.MapGet("/ambient", async (r, c) =>
        {
            if (awaits)
            {
                await Task.Yield();
            }

            inside = Activity.Current;
            return FunctionResponse.Text("ok");
        }).WithName(HttpFunction));
        var invoker = app.Freeze();
        using var ambient = new Activity("host-request").Start();

        var response = await invoker.InvokeHttpAsync(new FunctionRequest("GET", "/ambient"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(HttpFunction, inside?.OperationName);
        Assert.Same(ambient, Activity.Current);
    }

    [Fact]
    public async Task JsonInvocation_OfAFunctionThatIsNotTyped_IsAFaultedTask()
    {
        FunctionDescriptor? http = null;
        await using var app = TestApp.Create(a => http = a.MapGet("/not-typed", (r, c) => Task.FromResult(new FunctionResponse(204))));
        var invoker = app.Freeze();

        var pending = invoker.InvokeJsonAsync(http!, "{}"u8.ToArray());

        Assert.True(pending.IsFaulted);
        await Assert.ThrowsAsync<ArgumentException>(() => pending);
        await Assert.ThrowsAsync<ArgumentNullException>(() => invoker.InvokeJsonAsync(null!, "{}"u8.ToArray()));
    }

    private static CloudEvent Event(string type) =>
        new("e-1", "/test", type) { DataContentType = "application/json", Data = Encoding.UTF8.GetBytes("""{"id":"o-1","quantity":1}""") };

    private static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FunctionInvoker.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Name is EventFunction or JsonFunction or HttpFunction ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
