using System.Net;
using Microsoft.Extensions.Logging;
using Portable.Functions.AspNetCore;

namespace Portable.Functions.OpenFaaS.Tests;

/// <summary>The app on the OpenFaaS host (real Kestrel, 127.0.0.1, port 0) behind the watchdog double.</summary>
internal sealed class OpenFaasFixture : IAsyncDisposable
{
    private OpenFaasFixture(FunctionApp app, FunctionWebServer server, WatchdogDouble watchdog)
    {
        App = app;
        Server = server;
        Watchdog = watchdog;
    }

    public FunctionApp App { get; }

    public FunctionWebServer Server { get; }

    public WatchdogDouble Watchdog { get; }

    public HttpClient Client => Watchdog.Client;

    public static Task<OpenFaasFixture> StartSampleAsync(TimeSpan? execTimeout = null, Action<FunctionAppBuilder>? setup = null, string? readyPath = null) =>
        StartAsync(HelloHttp.HelloHttpApp.Build, execTimeout, setup, readyPath);

    public static async Task<OpenFaasFixture> StartAsync(Func<FunctionAppBuilder, FunctionApp> build, TimeSpan? execTimeout = null, Action<FunctionAppBuilder>? setup = null, string? readyPath = null)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        if (readyPath is not null)
        {
            builder.Configuration["ready_path"] = readyPath;
        }

        setup?.Invoke(builder);
        var app = build(builder);
        var server = await new OpenFaasHost(new OpenFaasOptions { Enabled = true, Port = 0, BindAddress = IPAddress.Loopback }).StartAsync(app, CancellationToken.None);
        var watchdog = await WatchdogDouble.StartAsync(server.Addresses[0], execTimeout ?? TimeSpan.FromSeconds(30), readyPath);
        return new OpenFaasFixture(app, server, watchdog);
    }

    public async ValueTask DisposeAsync()
    {
        await Watchdog.DisposeAsync();
        await Server.DisposeAsync();
        await App.DisposeAsync();
    }
}
