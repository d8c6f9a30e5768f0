using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// A JSON context given as a factory is created once, when the app freezes and checks the typed
/// functions' metadata (not at Build, not per invocation); an app with no typed function never creates it.
/// </summary>
public sealed class JsonContextFactoryTests
{
    private int _calls;

    [Fact]
    public async Task ContextFactory_IsCalledWhenTheAppFreezes_AndOnlyOnce()
    {
        var app = BuildCountingApp();
        app.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "accepted")));
        Assert.Equal(0, _calls);

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/plain"));
        Assert.Equal(1, _calls);

        var first = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/orders", """{"id":"o-1","quantity":1}"""));
        var second = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/orders", """{"id":"o-2","quantity":1}"""));

        Assert.Equal(200, first.StatusCode);
        Assert.Equal("""{"id":"o-2","status":"accepted"}""", TestApp.BodyText(second));
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task ContextFactory_AppWithoutTypedFunctions_IsNeverCalled()
    {
        var app = BuildCountingApp();

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/plain"));

        Assert.Equal(0, _calls);
    }

    /// <summary>An app with <c>GET /plain</c> whose JSON context factory counts its calls in <see cref="_calls"/>.</summary>
    private FunctionApp BuildCountingApp()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(() =>
        {
            Interlocked.Increment(ref _calls);
            return TestJsonContext.Default;
        });
        var app = builder.Build();
        app.MapGet("/plain", (r, c) => Task.FromResult(FunctionResponse.Text("ok")));
        return app;
    }
}
