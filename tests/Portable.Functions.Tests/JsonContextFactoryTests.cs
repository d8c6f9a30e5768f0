using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// A JSON context given as a factory is created once, when the app freezes and checks the typed
/// functions' metadata (not at Build, not per invocation); an app with no typed function never creates it.
/// </summary>
public sealed class JsonContextFactoryTests
{
    [Fact]
    public async Task ContextFactory_IsCalledWhenTheAppFreezes_AndOnlyOnce()
    {
        var calls = 0;
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(() =>
        {
            Interlocked.Increment(ref calls);
            return TestJsonContext.Default;
        });
        var app = builder.Build();
        app.MapGet("/plain", (r, c) => Task.FromResult(FunctionResponse.Text("ok")));
        app.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "accepted")));
        Assert.Equal(0, calls);

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/plain"));
        Assert.Equal(1, calls);

        var first = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/orders", """{"id":"o-1","quantity":1}"""));
        var second = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/orders", """{"id":"o-2","quantity":1}"""));

        Assert.Equal(200, first.StatusCode);
        Assert.Equal("""{"id":"o-2","status":"accepted"}""", TestApp.BodyText(second));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ContextFactory_AppWithoutTypedFunctions_IsNeverCalled()
    {
        var calls = 0;
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(() =>
        {
            Interlocked.Increment(ref calls);
            return TestJsonContext.Default;
        });
        var app = builder.Build();
        app.MapGet("/plain", (r, c) => Task.FromResult(FunctionResponse.Text("ok")));

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/plain"));

        Assert.Equal(0, calls);
    }
}
