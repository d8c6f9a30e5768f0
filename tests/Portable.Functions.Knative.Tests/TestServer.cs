using System.Net;
using Microsoft.Extensions.Logging;
using Portable.Functions.AspNetCore;
using Portable.Functions.Knative;

namespace Portable.Functions.Knative.Tests;

/// <summary>A real Kestrel server on an ephemeral loopback port with a real <see cref="HttpClient"/>.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(FunctionApp app, FunctionWebServer server)
    {
        App = app;
        Server = server;
        Client = new HttpClient { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromSeconds(30) };
    }

    public FunctionApp App { get; }

    public FunctionWebServer Server { get; }

    public HttpClient Client { get; }

    public static Task<TestServer> StartSampleAsync(Action<KnativeOptions>? configure = null, Action<FunctionAppBuilder>? setup = null) =>
        StartAsync(builder => HelloHttp.HelloHttpApp.Build(builder), configure, setup);

    public static async Task<TestServer> StartAsync(Func<FunctionAppBuilder, FunctionApp> build, Action<KnativeOptions>? configure = null, Action<FunctionAppBuilder>? setup = null)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        setup?.Invoke(builder);
        var app = build(builder);
        var options = new KnativeOptions { Port = 0, BindAddress = IPAddress.Loopback };
        configure?.Invoke(options);
        var server = await KnativeServer.StartAsync(app, options);
        return new TestServer(app, server);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await App.DisposeAsync();
    }
}
