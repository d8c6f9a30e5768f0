using Microsoft.CodeAnalysis;

namespace Portable.Functions.Generators.Tests;

/// <summary>The generator on source strings: what it accepts compiles clean; what it cannot translate is a PF error naming the fix.</summary>
public sealed class GeneratorTests
{
    private const string Models = """

        public sealed record Order(string Id);
        public sealed record Quote(string Id, decimal Price);
        public interface IPriceService { decimal Price(Order order); }
        public interface IAudit { void Write(string text); }

        """;

    [Fact]
    public void SupportedShapes_AreIntercepted_AndCompileWithoutWarnings()
    {
        var run = GeneratorHarness.Run(Models + """
            public static class Functions
            {
                public static Quote Price(Order order, IPriceService prices) => new(order.Id, prices.Price(order));

                public static void Map(FunctionApp app)
                {
                    app.MapGet("/a", (FunctionRequest request, IPriceService prices, FunctionContext context) => Task.FromResult(FunctionResponse.Text("a")));
                    app.MapGet("/b", (FunctionRequest request, CancellationToken token) => FunctionResponse.Text("b"));
                    app.MapGet("/c", (FunctionRequest request, IAudit? audit) => ValueTask.FromResult(FunctionResponse.Text("c")));
                    app.MapGet("/d", (FunctionRequest request, IAudit? audit = null, CancellationToken token = default) => FunctionResponse.Text("d"));
                    app.MapPost("/e", (FunctionRequest request, IPriceService prices) => FunctionResponse.Text("e"));
                    app.MapPost("/f", async (Order order, IPriceService prices, CancellationToken token) => { await Task.Delay(1, token); return new Quote(order.Id, prices.Price(order)); });
                    app.MapPost("/g", Price);
                    app.MapPost("/h", (Order order, IPriceService prices) => ValueTask.FromResult<Quote?>(null));
                    app.MapHttp("/i", (FunctionRequest request, IAudit audit) => FunctionResponse.Text("i"), "PUT", "DELETE");
                    app.MapEvent("t1", (CloudEvent<Order> e, IAudit audit) => audit.Write(e.Data.Id));
                    app.MapEvent("t2", (CloudEvent<Order> e, IAudit audit, CancellationToken token) => Task.CompletedTask);
                    app.MapEvent("t3", (CloudEvent<Order> e, IAudit audit) => ValueTask.CompletedTask);
                    app.MapEvent("t4", (CloudEvent<Order> e, FunctionContext context) => new CloudEvent("r", "/s", "reply"));
                    app.MapEvent("t5", (CloudEvent<Order> e, IAudit audit) => Task.FromResult(new CloudEvent("r", "/s", "reply")));
                    app.MapEvent("t6", (CloudEvent<Order> e, IAudit audit) => ValueTask.FromResult<CloudEvent?>(null));
                    app.MapEvent("t7", (CloudEvent e, IAudit audit) => audit.Write(e.Id));
                    app.MapEvent("t8", async (CloudEvent e, IAudit audit) => await Task.Yield());
                    app.MapEvent("t9", (CloudEvent e, IAudit audit) => ValueTask.CompletedTask);
                    app.MapEvent("t10", (CloudEvent e, IAudit audit) => (CloudEvent?)null);
                    Func<Order, IAudit, Task<Quote>> variable = (order, audit) => Task.FromResult(new Quote(order.Id, 1m));
                    app.MapPost("/j", variable);
                }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.True(run.Emitted);
        var source = Assert.Single(run.Generated);
        Assert.Equal(20, source.Split("[global::System.Runtime.CompilerServices.InterceptsLocationAttribute(").Length - 1);
        Assert.Contains("#nullable enable", source, StringComparison.Ordinal);
        Assert.Contains("namespace Portable.Functions.Generated", source, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Reflection", source, StringComparison.Ordinal);
        Assert.DoesNotContain("DynamicInvoke", source, StringComparison.Ordinal);
    }

    [Fact]
    public void OneHandler_LeavesGeneratedHelpersUnused_AndStillCompilesWithoutWarnings()
    {
        var run = GeneratorHarness.Run(Models + """
            public static class Functions
            {
                public static void Map(FunctionApp app) => app.MapGet("/a", (FunctionRequest request, IAudit audit) => FunctionResponse.Text("a"));
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.True(run.Emitted);
        Assert.Single(run.Generated);
    }

    [Fact]
    public void LambdasFittingTheContextOverloads_BindToThem_AndAreNotIntercepted()
    {
        var run = GeneratorHarness.Run(Models + """
            public static class Functions
            {
                private static Task<FunctionResponse> Ok(FunctionRequest request, FunctionContext context) => Task.FromResult(FunctionResponse.Text("ok"));

                public static void Map(FunctionApp app)
                {
                    app.MapGet("/a", (FunctionRequest request, FunctionContext context) => Task.FromResult(FunctionResponse.Text("a")));
                    app.MapGet("/b", (request, context) => Task.FromResult(FunctionResponse.Text("b")));
                    app.MapPost("/c", Ok);
                    app.MapPost("/d", (Order order, FunctionContext context) => Task.FromResult(new Quote(order.Id, 1m)));
                    app.MapPost<Order, Quote>("/e", (order, context) => Task.FromResult(new Quote(order.Id, 1m)));
                    app.MapEvent<Order>("t1", (e, context) => Task.CompletedTask);
                    app.MapHttp("/f", (FunctionRequest request, FunctionContext context) => Task.FromResult(FunctionResponse.Text("f")), "PUT");
                }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.Empty(run.Generated);
    }

    [Theory]
    [InlineData("Delegate d = (FunctionRequest r) => FunctionResponse.Text(\"x\"); app.MapGet(\"/x\", d);", "PF0001", "explicitly typed parameters")]
    [InlineData("app.MapGet(\"/x\", () => FunctionResponse.Text(\"x\"));", "PF0002", "first parameter is the input")]
    [InlineData("app.MapGet(\"/x\", (Order order, IPriceService prices) => FunctionResponse.Text(\"x\"));", "PF0003", "typed JSON body needs MapPost")]
    [InlineData("app.MapHttp(\"/x\", (Order order) => FunctionResponse.Text(\"x\"), \"PUT\");", "PF0003", "typed JSON body needs MapPost")]
    [InlineData("app.MapPost(\"/x\", (CloudEvent e, IAudit audit) => FunctionResponse.Text(\"x\"));", "PF0003", "events use MapEvent")]
    [InlineData("app.MapEvent(\"t\", (Order order, IAudit audit) => Task.CompletedTask);", "PF0003", "CloudEvent<TData>")]
    [InlineData("app.MapGet(\"/x\", (FunctionRequest r, IAudit audit) => \"text\");", "PF0004", "FunctionResponse, Task<FunctionResponse>")]
    [InlineData("app.MapPost(\"/x\", (Order order, IAudit audit) => FunctionResponse.Text(\"x\"));", "PF0004", "take FunctionRequest as the first parameter")]
    [InlineData("app.MapPost(\"/x\", (Order order, IAudit audit) => Task.CompletedTask);", "PF0004", "T, Task<T> or ValueTask<T>")]
    [InlineData("app.MapEvent(\"t\", (CloudEvent<Order> e, IAudit audit) => 42);", "PF0004", "reply CloudEvent?")]
    [InlineData("app.MapPost(\"/x\", (Order order, Hidden hidden) => new Quote(order.Id, 1m));", "PF0005", "make it internal or public")]
    [InlineData("app.MapPost(\"/x\", (Order order, string greeting = \"hi\") => new Quote(order.Id, 1m));", "PF0005", "only supported default value is null")]
    [InlineData("app.MapPost(\"/x\", (Order order, ref int count) => new Quote(order.Id, 1m));", "PF0005", "take it by value")]
    [InlineData("app.MapPost(\"/x\", (Order order, FunctionRequest request) => new Quote(order.Id, 1m));", "PF0005", "only the first parameter")]
    [InlineData("app.MapPost(\"/x\", (Order order, [Microsoft.Extensions.DependencyInjection.FromKeyedServices(\"a\")] IAudit audit) => new Quote(order.Id, 1m));", "PF0005", "GetRequiredKeyedService")]
    [InlineData("app.MapPost(\"/x\", (Order order, params IAudit[] audits) => new Quote(order.Id, 1m));", "PF0005", "params")]
    public void UnsupportedShape_IsACompileErrorNamingTheFix(string call, string id, string fix)
    {
        var run = GeneratorHarness.Run(Models + $$"""
            public static class Functions
            {
                private sealed class Hidden;

                public static void Map(FunctionApp app)
                {
                    {{call}}
                }
            }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(fix, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Generated);
    }

    [Fact]
    public void ConditionalAccessAndStaticFormCalls_AreIntercepted()
    {
        var run = GeneratorHarness.Run(Models + """
            public static class Functions
            {
                public static void Map(FunctionApp? app)
                {
                    app?.MapGet("/a", (FunctionRequest request, IAudit audit) => FunctionResponse.Text("a"));
                    FunctionAppDelegateMapExtensions.MapEvent(app!, "t", (CloudEvent e, IAudit audit) => { });
                }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationProblems);
        Assert.Equal(2, Assert.Single(run.Generated).Split("InterceptsLocationAttribute(1,").Length - 1);
    }

    [Fact]
    public void GenericHandlerTypes_AreRejected_NotEmittedAsUncompilableCode()
    {
        var run = GeneratorHarness.Run(Models + """
            public static class Functions
            {
                public static void Map<TService>(FunctionApp app)
                    where TService : class
                {
                    app.MapGet("/x", (FunctionRequest request, TService service) => FunctionResponse.Text("x"));
                }
            }
            """);

        Assert.Equal("PF0005", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.Generated);
    }
}
