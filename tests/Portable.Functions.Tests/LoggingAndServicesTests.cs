using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// The app's logger factory is made from the registrations without the options machinery, and the
/// container is built on demand: both must behave as AddLogging and BuildServiceProvider would.
/// </summary>
public sealed class LoggingAndServicesTests
{
    [Fact]
    public void MinimumLevelAndFilters_SetOnTheBuilder_AreApplied()
    {
        var logs = new CapturingLoggerProvider();
        var app = TestApp.Create(_ => { }, b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            b.Logging.AddFilter("Noisy", LogLevel.Error);
        });

        app.Logger.LogInformation("dropped by the minimum level");
        app.Logger.LogWarning("kept");
        app.LoggerFactory.CreateLogger("Noisy.Component").LogWarning("dropped by the category filter");
        app.LoggerFactory.CreateLogger("Noisy.Component").LogError("kept too");

        Assert.Equal(["Warning: kept ", "Error: kept too "], logs.Messages);
    }

    [Theory]
    [InlineData(new string[0], new[] { "Information: information ", "Warning: warning " })]
    [InlineData(new[] { "--PORTABLE_LOG_LEVEL=warning" }, new[] { "Warning: warning " })]
    [InlineData(new[] { "--Logging:LogLevel:Default=Error" }, new string[0])]
    [InlineData(new[] { "--PORTABLE_LOG_LEVEL=not-a-level" }, new[] { "Information: information ", "Warning: warning " })]
    public void MinimumLevel_ComesFromConfiguration_InformationWhenUnsetOrUnreadable(string[] args, string[] expected)
    {
        var logs = new CapturingLoggerProvider();
        var builder = new FunctionAppBuilder(args);
        builder.Logging.AddProvider(logs);
        var app = builder.Build();

        app.Logger.LogInformation("information");
        app.Logger.LogWarning("warning");

        Assert.Equal(expected, logs.Messages);
    }

    [Fact]
    public void ProviderRegisteredByType_IsCreatedByTheContainer_AndReceivesLogs()
    {
        var app = TestApp.Create(_ => { }, b => b.Services.AddSingleton<ILoggerProvider, CapturingLoggerProvider>());

        app.Logger.LogWarning("through the container");

        var provider = app.Services.GetServices<ILoggerProvider>().OfType<CapturingLoggerProvider>().Single();
        Assert.Contains("Warning: through the container ", provider.Messages);
    }

    [Fact]
    public void Services_ResolveRegistrations_AndHandOutTheAppsLoggerFactory()
    {
        var app = TestApp.Create(_ => { }, b => b.Services.AddSingleton<Marker>());

        Assert.NotNull(app.Services.GetRequiredService<Marker>());
        Assert.Same(app.LoggerFactory, app.Services.GetRequiredService<ILoggerFactory>());
        Assert.NotNull(app.Services.GetRequiredService<ILogger<Marker>>());
    }

    [Fact]
    public void RegistrationsAfterBuild_Throw_AndDoNotReachTheApp()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();

        Assert.Throws<InvalidOperationException>(() => builder.Services.AddSingleton<Marker>());
        Assert.Throws<InvalidOperationException>(() => builder.Logging.AddProvider(new CapturingLoggerProvider()));
        Assert.Throws<InvalidOperationException>(() => builder.AddJsonContext(TestJsonContext.Default));
        Assert.Throws<InvalidOperationException>(() => builder.ConfigureJson(o => o.WriteIndented = true));
        Assert.Null(app.Services.GetService<Marker>());
    }

    [Fact]
    public async Task ScopedService_IsCreatedPerInvocation_AndDisposedAfterIt()
    {
        var seen = new List<Scoped>();
        var app = TestApp.Create(
            a => a.MapGet("/s", (r, c) =>
            {
                seen.Add(c.Services.GetRequiredService<Scoped>());
                return Task.FromResult(FunctionResponse.Text("ok"));
            }),
            b => b.Services.AddScoped<Scoped>());

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/s"));
        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/s"));

        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen[0], seen[1]);
        Assert.All(seen, s => Assert.True(s.Disposed));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task SingletonService_IsTheRootInstance_AndALaterScopedRegistrationStaysScoped()
    {
        var singletons = new List<Marker>();
        var scoped = new List<Scoped>();
        var app = TestApp.Create(
            a => a.MapGet("/s", (r, c) =>
            {
                singletons.Add(c.Services.GetRequiredService<Marker>());
                scoped.Add((Scoped)c.Services.GetService(typeof(Scoped))!);
                return Task.FromResult(FunctionResponse.Text("ok"));
            }),
            b =>
            {
                b.Services.AddSingleton<Marker>();

                // The last registration decides what GetService returns: this type is scoped.
                b.Services.AddSingleton<Scoped>();
                b.Services.AddScoped<Scoped>();
            });

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/s"));
        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/s"));

        Assert.Same(app.Services.GetRequiredService<Marker>(), singletons[0]);
        Assert.Same(singletons[0], singletons[1]);
        Assert.NotSame(scoped[0], scoped[1]);
        Assert.All(scoped, s => Assert.True(s.Disposed));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task KeyedAndFrameworkServices_ResolveThroughTheInvocationScope()
    {
        object? keyed = null;
        IServiceScopeFactory? factory = null;
        var app = TestApp.Create(
            a => a.MapGet("/s", (r, c) =>
            {
                keyed = c.Services.GetRequiredKeyedService<Scoped>("k");
                factory = c.Services.GetService<IServiceScopeFactory>();
                return Task.FromResult(FunctionResponse.Text("ok"));
            }),
            b => b.Services.AddKeyedScoped<Scoped>("k"));

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/s"));

        Assert.True(Assert.IsType<Scoped>(keyed).Disposed);
        Assert.NotNull(factory);
        await app.DisposeAsync();
    }

    private sealed class Marker;

    private sealed class Scoped : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
