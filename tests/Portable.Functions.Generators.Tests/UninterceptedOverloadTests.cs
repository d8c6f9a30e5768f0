using Portable.Functions.Hosting;

namespace Portable.Functions.Generators.Tests;

/// <summary>
/// This project does not wire the generator into its own build, so these calls reach the real Delegate
/// overloads: they must fail at map time, never fall back to reflection, and must not capture lambdas
/// that fit the (input, context) overloads.
/// </summary>
public sealed class UninterceptedOverloadTests
{
    private static FunctionApp CreateApp()
    {
        var builder = FunctionApp.CreateBuilder();
        return builder.Build();
    }

    [Fact]
    public async Task DelegateOverload_WithoutTheGenerator_ThrowsAtMapTime_NamingTheFix()
    {
        await using var app = CreateApp();

        var get = Assert.Throws<InvalidOperationException>(() => app.MapGet("/x", (FunctionRequest request) => FunctionResponse.Text("x")));
        var evt = Assert.Throws<InvalidOperationException>(() => app.MapEvent("t", (CloudEvent cloudEvent, CancellationToken token) => { }));

        Assert.Contains("not replaced by the Portable.Functions source generator", get.Message, StringComparison.Ordinal);
        Assert.Contains("InterceptorsNamespaces", get.Message, StringComparison.Ordinal);
        Assert.Contains("OutputItemType=\"Analyzer\"", get.Message, StringComparison.Ordinal);
        Assert.StartsWith("MapEvent", evt.Message, StringComparison.Ordinal);
        Assert.Empty(app.Functions);
    }

    [Fact]
    public async Task TypedLambdasFittingTheContextOverloads_StillRegister_WithoutTheGenerator()
    {
        await using var app = CreateApp();

        app.MapGet("/a", (FunctionRequest request, FunctionContext context) => Task.FromResult(FunctionResponse.Text("a")));
        app.MapPost("/b", (string body, FunctionContext context) => Task.FromResult(body.Length));
        app.MapEvent("t", (CloudEvent<string> cloudEvent, FunctionContext context) => Task.CompletedTask);

        Assert.Equal([FunctionKind.Http, FunctionKind.Typed, FunctionKind.Event], app.Functions.Select(f => f.Kind));
        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/a"));
        Assert.Equal(200, response.StatusCode);
    }
}
