using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// Handlers that declare services, the context and the token as parameters, mapped through the
/// Delegate overloads and rewritten by the source generator, run through the real invocation pipeline.
/// </summary>
public sealed class HandlerParameterTests
{
    private static CloudEvent Event(string type, string json = """{"id":"o-1","quantity":4}""") =>
        new("1", "/test", type) { DataContentType = "application/json", Data = Encoding.UTF8.GetBytes(json) };

    private static Receipt Quote(Order order, PriceList prices) => new(order.Id, prices.PriceOf(order).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task ScopedServiceParameter_IsResolvedPerInvocation_FromTheInvocationScope()
    {
        var seen = new List<(ScopedCounter Parameter, ScopedCounter FromContext)>();
        await using var app = TestApp.Create(
            a => a.MapGet("/count", (FunctionRequest request, ScopedCounter counter, FunctionContext context) =>
            {
                counter.Calls++;
                seen.Add((counter, context.Services.GetRequiredService<ScopedCounter>()));
                return Task.FromResult(FunctionResponse.Text(counter.Calls.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }),
            b => b.Services.AddScoped<ScopedCounter>());

        var first = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/count"));
        var second = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/count"));

        Assert.Equal(("1", "1"), (TestApp.BodyText(first), TestApp.BodyText(second)));
        Assert.Equal(2, seen.Count);
        Assert.All(seen, s => Assert.Same(s.FromContext, s.Parameter));
        Assert.NotSame(seen[0].Parameter, seen[1].Parameter);
        Assert.All(seen, s => Assert.True(s.Parameter.Disposed));
    }

    [Fact]
    public void MissingRequiredService_FailsWhenTheAppFreezes_NamingTheService()
    {
        var app = TestApp.Create(a => a.MapGet("/missing", (FunctionRequest request, IMissingService missing) => FunctionResponse.Text("unreachable")));

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("Function 'missing': its handler takes a IMissingService, which is not registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceRemovedAfterTheCheck_StillFails500_AndTheLogNamesTypeAndParameter()
    {
        // The start-up check reads the registrations; a factory that returns null passes it and fails per call.
        var logs = new CapturingLoggerProvider();
        await using var app = TestApp.Create(
            a => a.MapGet("/missing", (FunctionRequest request, IMissingService missing) => FunctionResponse.Text("unreachable")),
            b =>
            {
                b.Logging.AddProvider(logs);
                b.Services.AddScoped<IMissingService>(_ => null!);
            });

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/missing"));

        Assert.Equal(500, response.StatusCode);
        Assert.DoesNotContain("IMissingService", TestApp.BodyText(response), StringComparison.Ordinal);
        Assert.Contains(logs.Messages, m => m.Contains("Portable.Functions.Tests.IMissingService", StringComparison.Ordinal)
            && m.Contains("'missing'", StringComparison.Ordinal) && m.Contains("none is registered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OptionalServiceParameters_AreNull_WhenNotRegistered()
    {
        var seen = new List<object?>();
        await using var app = TestApp.Create(a =>
        {
            a.MapGet("/nullable", (FunctionRequest request, IMissingService? missing) =>
            {
                seen.Add(missing);
                return FunctionResponse.Text("nullable");
            });
            a.MapGet("/defaulted", (FunctionRequest request, FunctionContext context, IMissingService? missing = null) =>
            {
                seen.Add(missing);
                return FunctionResponse.Text("defaulted");
            });
        });

        var nullable = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/nullable"));
        var defaulted = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/defaulted"));

        Assert.Equal((200, 200), (nullable.StatusCode, defaulted.StatusCode));
        Assert.Equal(["nullable", "defaulted"], [TestApp.BodyText(nullable), TestApp.BodyText(defaulted)]);
        Assert.Equal([null, null], seen);
    }

    [Fact]
    public async Task CancellationTokenParameter_IsTheInvocationsToken()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var seen = new List<(bool Cancelled, bool SameAsContext)>();
        await using var app = TestApp.Create(a => a.MapGet("/token", (FunctionRequest request, CancellationToken token, FunctionContext context) =>
        {
            seen.Add((token.IsCancellationRequested, token == context.CancellationToken));
            return FunctionResponse.Text("ok");
        }));

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/token"), new InvocationOptions { Aborted = aborted.Token });
        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/token"));

        Assert.Equal([(true, true), (false, true)], seen);
    }

    [Fact]
    public async Task TypedJsonHandler_WithService_ReturnsJson_AndBadJsonIs400()
    {
        await using var app = TestApp.Create(
            a => a.MapPost("/quotes", (Order order, PriceList prices) => Quote(order, prices)),
            b => b.Services.AddSingleton<PriceList>());

        var ok = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/quotes", """{"id":"o-7","quantity":3}"""));
        var bad = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/quotes", """{"id":"""));

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("""{"id":"o-7","status":"7.5"}""", TestApp.BodyText(ok));
        Assert.Equal(400, bad.StatusCode);
        Assert.Equal(FunctionKind.Typed, app.Functions.Single().Kind);
    }

    [Fact]
    public async Task MethodGroupAndValueTaskHandlers_AreSupported()
    {
        await using var app = TestApp.Create(
            a =>
            {
                a.MapPost("/group", Quote);
                a.MapPost("/value-task", (Order order, PriceList prices, CancellationToken token) => ValueTask.FromResult(Quote(order, prices)));
            },
            b => b.Services.AddSingleton<PriceList>());

        var group = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/group", """{"id":"g","quantity":2}"""));
        var valueTask = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/value-task", """{"id":"v","quantity":4}"""));

        Assert.Equal("""{"id":"g","status":"5.0"}""", TestApp.BodyText(group));
        Assert.Equal("""{"id":"v","status":"10.0"}""", TestApp.BodyText(valueTask));
    }

    [Fact]
    public async Task MapHttpWithMethods_RoutesOnlyThoseMethods()
    {
        await using var app = TestApp.Create(
            a => a.MapHttp("/items/{id}", async (FunctionRequest request, PriceList prices, FunctionContext context) =>
            {
                await Task.Yield();
                return FunctionResponse.Text(request.Method + " " + context.Function.Route);
            }, "PUT", "DELETE"),
            b => b.Services.AddSingleton<PriceList>());

        var put = await app.Freeze().InvokeHttpAsync(new FunctionRequest("PUT", "/items/1"));
        var get = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/items/1"));

        Assert.Equal("PUT /items/{id}", TestApp.BodyText(put));
        Assert.Equal(405, get.StatusCode);
    }

    [Fact]
    public async Task TypedEventHandler_WithService_ReceivesData_AndReplies()
    {
        await using var app = TestApp.Create(
            a => a.MapEvent("order", (CloudEvent<Order> cloudEvent, PriceList prices) =>
                new CloudEvent("r", "/reply", "order.priced") { Subject = Quote(cloudEvent.Data, prices).Status }),
            b => b.Services.AddSingleton<PriceList>());

        var result = await app.Freeze().InvokeEventAsync(Event("order"));

        Assert.Equal(EventOutcome.Success, result.Outcome);
        Assert.Equal("10.0", result.Reply!.Subject);
    }

    [Fact]
    public async Task EventHandlersWithoutReply_Are202_AndTheirServicesAreScoped()
    {
        var counters = new List<ScopedCounter>();
        await using var app = TestApp.Create(
            a =>
            {
                a.MapEvent("typed", async (CloudEvent<Order> cloudEvent, ScopedCounter counter, CancellationToken token) =>
                {
                    await Task.Delay(1, token);
                    counters.Add(counter);
                });
                a.MapEvent("raw", (CloudEvent cloudEvent, ScopedCounter counter) => counters.Add(counter));
            },
            b => b.Services.AddScoped<ScopedCounter>());

        var typed = await app.Freeze().InvokeEventAsync(Event("typed"));
        var raw = await app.Freeze().InvokeEventAsync(Event("raw", "not json at all"));

        Assert.Equal((202, 202), (typed.StatusCode, raw.StatusCode));
        Assert.Equal(2, counters.Count);
        Assert.NotSame(counters[0], counters[1]);
    }

    [Fact]
    public async Task TypedEventHandler_BadData_IsNotAcknowledged()
    {
        await using var app = TestApp.Create(a => a.MapEvent("order", (CloudEvent<Order> cloudEvent) => { }));

        var result = await app.Freeze().InvokeEventAsync(Event("order", "{\"id\":"));

        Assert.NotEqual(EventOutcome.Success, result.Outcome);
        Assert.Equal(400, result.StatusCode);
    }
}
