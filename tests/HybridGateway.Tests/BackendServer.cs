using System.Collections.Concurrent;
using System.Net;
using HybridGateway.Backend;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions;
using Portable.Functions.AspNetCore;
using Portable.Functions.Hosting;
using Portable.Functions.Knative;

namespace HybridGateway.Tests;

/// <summary>
/// The real backend (BackendApp.Build) on the Knative host, on an ephemeral loopback port, recording what
/// each invocation saw: the <c>traceparent</c> header and whether its token fired.
/// </summary>
internal sealed class BackendServer : IAsyncDisposable
{
    private readonly FunctionApp _app;
    private readonly FunctionWebServer _server;

    private BackendServer(FunctionApp app, FunctionWebServer server)
    {
        _app = app;
        _server = server;
    }

    public Uri Address => _server.Addresses[0];

    /// <summary>Every request the backend's functions got, in order.</summary>
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static async Task<BackendServer> StartAsync(IInventory? inventory = null)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        if (inventory is not null)
        {
            // After BackendApp's own registration, before its container is built: the last one wins.
            builder.BeforeBuild(b => b.Services.AddSingleton(inventory));
        }

        var app = BackendApp.Build(builder);
        BackendServer? created = null;
        app.Use(async (context, next) =>
        {
            var seen = new SeenRequest(context.Request!.Path, context.Request.Headers["traceparent"].ToArray()!);
            created!.Requests.Enqueue(seen);
            using var registration = context.CancellationToken.Register(() => seen.Cancelled.TrySetResult());
            await next();
        });
        var server = await KnativeServer.StartAsync(app, new KnativeOptions { Port = 0, BindAddress = IPAddress.Loopback });
        created = new BackendServer(app, server);
        return created;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _app.DisposeAsync();
    }
}
