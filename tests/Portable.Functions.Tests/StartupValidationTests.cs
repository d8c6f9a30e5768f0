using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// Mistakes that can be found before the first request fail when the app freezes, in Production too,
/// with a message that names the fix; before, they started fine and answered every request with 500.
/// </summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void TypedFunction_TypeMissingFromTheJsonContext_FailsAtFreeze_InProduction()
    {
        var app = Production(a => a.MapPost<Order, Unlisted>("/orders", (o, c) => Task.FromResult(new Unlisted())));

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("Function 'orders'", error.Message);
        Assert.Contains("[JsonSerializable(typeof(Unlisted))]", error.Message);
    }

    [Fact]
    public void NoJsonContextAtAll_TypedFunction_FailsAtFreeze()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "ok")));

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("typeof(Order)", error.Message);
        Assert.Contains("AddJsonContext", error.Message);
    }

    [Fact]
    public void EventFunction_DataTypeMissingFromTheJsonContext_FailsAtFreeze()
    {
        var app = Production(a => a.MapEvent<Unlisted>("com.example.unlisted", (e, c) => Task.CompletedTask));

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("typeof(Unlisted)", error.Message);
    }

    [Fact]
    public void SingleFunctionHost_ChecksOnlyTheServedFunctionsJsonMetadata()
    {
        var app = Production(a =>
        {
            a.MapGet("/hello", (r, c) => Task.FromResult(FunctionResponse.Text("hi"))).WithName("hello");
            a.MapPost<Order, Unlisted>("/orders", (o, c) => Task.FromResult(new Unlisted()));
        });

        // Lambda's _HANDLER=hello: "orders" can never be invoked in this process.
        var invoker = app.Freeze(servedFunction: "HELLO");

        Assert.NotNull(invoker.FindByName("orders"));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("not-a-function")]
    [InlineData(null)]
    public void SingleFunctionHost_ServingTheBrokenFunction_OrAnUnknownName_StillFails(string? served)
    {
        var app = Production(a =>
        {
            a.MapGet("/hello", (r, c) => Task.FromResult(FunctionResponse.Text("hi"))).WithName("hello");
            a.MapPost<Order, Unlisted>("/orders", (o, c) => Task.FromResult(new Unlisted()));
        });

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze(servedFunction: served));

        Assert.Contains("Function 'orders'", error.Message);
    }

    [Fact]
    public void SingleFunctionHost_AppWideMistakes_AreStillReported()
    {
        var app = Production(a =>
        {
            a.MapGet("/items/{id}", (r, c) => Task.FromResult(FunctionResponse.Text("id"))).WithName("a");
            a.MapGet("/items/{name}", (r, c) => Task.FromResult(FunctionResponse.Text("name"))).WithName("b");
        });

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze(servedFunction: "a"));

        Assert.Contains("both match GET /items/{}", error.Message);
    }

    [Fact]
    public void RoutesDifferingOnlyInParameterNames_SameMethod_FailAtFreeze()
    {
        var app = Production(a =>
        {
            a.MapGet("/items/{id}", (r, c) => Task.FromResult(FunctionResponse.Text("id")));
            a.MapGet("/Items/{name}", (r, c) => Task.FromResult(FunctionResponse.Text("name")));
        });

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("both match GET /items/{}", error.Message);
    }

    [Fact]
    public void AnyMethodRoute_AndGetRouteOfTheSameShape_FailAtFreeze()
    {
        var app = Production(a =>
        {
            a.MapGet("/items/{id}", (r, c) => Task.FromResult(FunctionResponse.Text("id")));
            a.MapHttp("/items/{name}", (r, c) => Task.FromResult(FunctionResponse.Text("name")));
        });

        Assert.Throws<InvalidOperationException>(() => app.Freeze());
    }

    [Fact]
    public async Task SameShape_DifferentMethods_AreNotAmbiguous()
    {
        var app = Production(a =>
        {
            a.MapGet("/items/{id}", (r, c) => Task.FromResult(FunctionResponse.Text("get")));
            a.MapHttp("/items/{name}", (r, c) => Task.FromResult(FunctionResponse.Text("delete")), "DELETE");
        });

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("DELETE", "/items/1"));

        Assert.Equal("delete", TestApp.BodyText(response));
    }

    [Fact]
    public void DuplicateEventTypes_FailAtFreeze()
    {
        var app = Production(a =>
        {
            a.MapEvent<Order>("com.example.order", (e, c) => Task.CompletedTask);
            a.MapEvent<Order>("com.example.order", (e, c) => Task.CompletedTask);
        });

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("both handle CloudEvent type 'com.example.order'", error.Message);
    }

    [Fact]
    public void ClassBasedFunction_ConstructorServiceNotRegistered_FailsAtFreeze_InProduction()
    {
        var app = Production(a => a.MapHttp<NeedsClock>("/time"));

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("NeedsClock needs a IClock, which is not registered", error.Message);
        Assert.Contains("builder.Services", error.Message);
    }

    [Fact]
    public async Task ClassBasedFunction_ConstructorServiceRegistered_Starts_AndIsActivatedPerInvocation()
    {
        var app = Production(a => a.MapHttp<NeedsClock>("/time"), b => b.Services.AddSingleton<IClock, FixedClock>());

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/time"));

        Assert.Equal("2030", TestApp.BodyText(response));
    }

    [Fact]
    public void SeveralMistakes_AreReportedTogether()
    {
        var app = Production(a =>
        {
            a.MapHttp<NeedsClock>("/time");
            a.MapPost<Unlisted, Receipt>("/u", (u, c) => Task.FromResult(new Receipt("u", "ok")));
        });

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.StartsWith("2 start-up errors:", error.Message);
    }

    [Fact]
    public void BadConfigurationValue_IsReportedAtFreeze_NotAsACrashInCreateBuilder()
    {
        var app = Production(_ => { }, b => { }, ["--PORTABLE_TIMEOUT_SECONDS=soon"]);

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("PORTABLE_TIMEOUT_SECONDS='soon'", error.Message);
    }

    [Fact]
    public void MappingAfterFreeze_Throws()
    {
        var app = Production(_ => { });
        app.Freeze();

        Assert.True(app.IsFrozen);
        Assert.Throws<InvalidOperationException>(() => app.MapGet("/late", (r, c) => Task.FromResult(FunctionResponse.Text("late"))));
    }

    [Fact]
    public async Task RunAsync_WithNoHost_LogsOneCriticalLine_AndReturnsExitCode1()
    {
        var logs = new CapturingLoggerProvider();
        var app = Production(_ => { }, b => b.Logging.AddProvider(logs));

        var code = await app.RunAsync();
        Environment.ExitCode = 0;

        Assert.Equal(1, code);
        var line = Assert.Single(logs.Messages, m => m.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Contains("No platform host is registered", line);
    }

    [Fact]
    public async Task RunAsync_ValidationError_LogsOneCriticalLine_WithoutTheStackTrace_InProduction()
    {
        var logs = new CapturingLoggerProvider();
        var host = new FreezingHost();
        var app = Production(a => a.MapHttp<NeedsClock>("/time"), b =>
        {
            b.Logging.AddProvider(logs);
            b.Services.AddSingleton<IFunctionHost>(host);
        });

        var code = await app.RunAsync();
        Environment.ExitCode = 0;

        Assert.Equal(1, code);
        var line = Assert.Single(logs.Messages, m => m.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Contains("test host failed: Function 'time': NeedsClock needs a IClock", line);
        Assert.EndsWith("not registered; register it with builder.Services.Add...<IClock>() before Build(). ", line);
    }

    [Fact]
    public void Development_ServiceWithAnUnregisteredDependency_FailsAtBuild_ProductionDoesNot()
    {
        static FunctionAppBuilder Builder(string environment)
        {
            var builder = new FunctionAppBuilder([], environment);
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<ClockReader>();
            return builder;
        }

        // Development builds the container at Build() and validates every registration's graph.
        var error = Assert.Throws<AggregateException>(() => Builder("Development").Build());
        Assert.Contains(nameof(IClock), error.Message, StringComparison.Ordinal);

        // Production builds the container on first use, without that check.
        _ = Builder("Production").Build();
    }

    [Fact]
    public async Task Development_ScopedServiceFromTheRootContainer_Throws_ProductionResolvesIt()
    {
        static FunctionApp App(string environment)
        {
            var builder = new FunctionAppBuilder([], environment);
            builder.Logging.ClearProviders();
            builder.Services.AddScoped<IClock, FixedClock>();
            return builder.Build();
        }

        await using var development = App("Development");
        await using var production = App("Production");

        Assert.Throws<InvalidOperationException>(() => development.Services.GetRequiredService<IClock>());
        Assert.IsType<FixedClock>(production.Services.GetRequiredService<IClock>());
    }

    private static FunctionApp Production(Action<FunctionApp> map, Action<FunctionAppBuilder>? configure = null, string[]? args = null)
    {
        var builder = FunctionApp.CreateBuilder(args ?? []);
        Assert.Equal("Production", builder.EnvironmentName);
        builder.Logging.ClearProviders();
        builder.AddJsonContext(TestJsonContext.Default);
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        return app;
    }

    public sealed record Unlisted;

    public interface IClock
    {
        DateTimeOffset Now { get; }
    }

    public sealed class FixedClock : IClock
    {
        public DateTimeOffset Now => new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    public sealed class ClockReader(IClock clock)
    {
        public int Year => clock.Now.Year;
    }

    public sealed class NeedsClock(IClock clock) : IHttpFunction
    {
        public Task<FunctionResponse> HandleAsync(FunctionRequest request, FunctionContext context) =>
            Task.FromResult(FunctionResponse.Text(clock.Now.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private sealed class FreezingHost : IFunctionHost
    {
        public string Name => "test";

        public bool IsFallback => true;

        public bool IsActive(FunctionApp app) => true;

        public Task RunAsync(FunctionApp app, CancellationToken cancellationToken)
        {
            app.Freeze();
            return Task.CompletedTask;
        }
    }
}
