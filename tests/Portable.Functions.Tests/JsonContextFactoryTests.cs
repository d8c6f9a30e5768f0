using Microsoft.Extensions.Logging;

namespace Portable.Functions.Tests;

/// <summary>A JSON context given as a factory is created when JSON metadata is first needed, once.</summary>
public sealed class JsonContextFactoryTests
{
    [Fact]
    public async Task ContextFactory_IsCalledOnTheFirstTypedInvocation_AndOnlyOnce()
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

        await app.Invoker.InvokeHttpAsync(new FunctionRequest("GET", "/plain"));
        Assert.Equal(0, calls);

        var first = await app.Invoker.InvokeHttpAsync(TestApp.Json("POST", "/orders", """{"id":"o-1","quantity":1}"""));
        var second = await app.Invoker.InvokeHttpAsync(TestApp.Json("POST", "/orders", """{"id":"o-2","quantity":1}"""));

        Assert.Equal(200, first.StatusCode);
        Assert.Equal("""{"id":"o-2","status":"accepted"}""", TestApp.BodyText(second));
        Assert.Equal(1, calls);
    }
}
