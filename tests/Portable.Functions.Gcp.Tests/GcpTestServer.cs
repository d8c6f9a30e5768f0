using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Portable.Functions.AspNetCore;

namespace Portable.Functions.Gcp.Tests;

/// <summary>
/// The GCP host on a real Kestrel server (ephemeral loopback port) with a real <see cref="HttpClient"/>.
/// Configuration that would come from the environment is given in memory, so tests never touch the
/// process environment.
/// </summary>
internal sealed class GcpTestServer : IAsyncDisposable
{
    private GcpTestServer(FunctionApp app, FunctionWebServer server)
    {
        App = app;
        Server = server;
        Client = new HttpClient { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromSeconds(30) };
    }

    public FunctionApp App { get; }

    public FunctionWebServer Server { get; }

    public HttpClient Client { get; }

    /// <summary>Builds an app with <paramref name="map"/>, then serves <paramref name="target"/>.</summary>
    public static async Task<GcpTestServer> StartAsync(
        string? target,
        Action<FunctionApp> map,
        Action<GcpOptions>? configure = null,
        Action<FunctionAppBuilder>? setup = null,
        IDictionary<string, string?>? environment = null,
        string[]? args = null)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>());
        if (target is not null)
        {
            settings["FUNCTION_TARGET"] = target;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddJsonContext(TestJsonContext.Default);
        setup?.Invoke(builder);
        var options = new GcpOptions();
        options.Server.Port = 0;
        options.Server.BindAddress = IPAddress.Loopback;
        configure?.Invoke(options);
        var app = builder.Build();
        map(app);
        try
        {
            var server = await new GcpFunctionHost(options, args ?? []).StartAsync(app, CancellationToken.None);
            return new GcpTestServer(app, server);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await App.DisposeAsync();
    }
}
