using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Azure;

/// <summary>
/// A running custom handler: Kestrel on <c>127.0.0.1</c> (the host always calls the loopback address),
/// HTTP/1.1, serving the host's invocation payloads for a <see cref="FunctionApp"/>.
/// </summary>
public sealed partial class AzureCustomHandlerServer : IAsyncDisposable
{
    private readonly WebApplication _web;

    private AzureCustomHandlerServer(WebApplication web, Uri address)
    {
        _web = web;
        Address = address;
    }

    /// <summary>The address the server listens on (with the resolved port when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>Builds and starts the server; returns once it accepts connections.</summary>
    /// <param name="app">The function app.</param>
    /// <param name="options">Host settings; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException">No valid port, or a function cannot be expressed as an Azure function.</exception>
    public static async Task<AzureCustomHandlerServer> StartAsync(FunctionApp app, AzureCustomHandlerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        options ??= new AzureCustomHandlerOptions();
        var port = options.Port ?? ReadPort(app);
        var handler = new CustomHandlerRequestHandler(app, options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(app.LoggerFactory);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = app.Options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxPayloadBytes;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });

        var web = builder.Build();
        web.Run(handler.HandleAsync);
        var lifetime = web.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = 0L;
        lifetime.ApplicationStopping.Register(() =>
        {
            stopping = Stopwatch.GetTimestamp();
            LogDraining(app.Logger, app.Options.ShutdownTimeout.TotalSeconds);
        });
        lifetime.ApplicationStopped.Register(() => LogStopped(app.Logger, stopping == 0 ? 0 : (long)Stopwatch.GetElapsedTime(stopping).TotalMilliseconds));
        await web.StartAsync(cancellationToken).ConfigureAwait(false);

        // What Kestrel bound: always the loopback address, where the Functions host calls.
        var bound = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        LogListening(app.Logger, bound);
        return new AzureCustomHandlerServer(web, new Uri(bound));
    }

    /// <summary>Waits until the host stops (SIGTERM, Ctrl+C, <see cref="StopAsync"/> or <paramref name="cancellationToken"/>).</summary>
    /// <param name="cancellationToken">Stops the server when fired.</param>
    /// <returns>A task that completes after in-flight invocations finish.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _web.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops accepting connections and lets in-flight invocations finish.</summary>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => _web.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _web.DisposeAsync();

    private static int ReadPort(FunctionApp app)
    {
        var text = app.Configuration[AzureCustomHandlerHost.PortVariable];
        return int.TryParse(text, out var port) && port is > 0 and <= IPEndPoint.MaxPort
            ? port
            : throw new InvalidOperationException($"{AzureCustomHandlerHost.PortVariable}='{text}' is not a valid TCP port.");
    }

    [LoggerMessage(30, LogLevel.Information, "Azure custom handler listening on {Address}.")]
    private static partial void LogListening(ILogger logger, string address);

    [LoggerMessage(31, LogLevel.Information, "Shutting down: no new connections; draining in-flight invocations for up to {Seconds} s.")]
    private static partial void LogDraining(ILogger logger, double seconds);

    [LoggerMessage(32, LogLevel.Information, "Stopped {Milliseconds} ms after shutdown began.")]
    private static partial void LogStopped(ILogger logger, long milliseconds);
}
