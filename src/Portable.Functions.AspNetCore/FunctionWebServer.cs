using Portable.Functions.Hosting;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// A running Kestrel server for a <see cref="FunctionApp"/>, the one bootstrap every Kestrel-based
/// adapter starts: HTTP/1.1 or h2c on one port, not-found and health paths, a concurrency limit, and
/// a graceful drain on SIGTERM (in-flight requests finish; <see cref="DrainExpired"/> fires only if the
/// drain budget runs out; new connections are refused). The adapter supplies the request handler.
/// </summary>
public sealed partial class FunctionWebServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _drainExpired = new();
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stopLock = new();
    private readonly FunctionApp _app;
    private KestrelServer? _kestrel;
    private FunctionRequestGate? _gate;
    private PosixSignalRegistration[] _signals = [];
    private Task? _stopped;
    private Timer? _drainTimer;

    private FunctionWebServer(FunctionApp app, PlatformInfo platform)
    {
        _app = app;
        Platform = platform;
    }

    /// <summary>The addresses the server listens on (resolved ports when 0 was asked for; <c>localhost</c> for every-interface binds).</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    /// <summary>The platform this server reports to functions and in its start-up log line.</summary>
    public PlatformInfo Platform { get; }

    /// <summary>
    /// Fires when the drain budget after SIGTERM (shutdown timeout minus the deadline grace period) is
    /// about to run out; pass it as <see cref="Hosting.InvocationOptions.HostShutdown"/> so in-flight
    /// functions can still answer. Never fires before shutdown begins.
    /// </summary>
    public CancellationToken DrainExpired => _drainExpired.Token;

    /// <summary>Builds and starts the server; returns once it accepts connections.</summary>
    /// <param name="app">The function app; frozen by this call.</param>
    /// <param name="platform">The platform reported to functions and logged at start-up.</param>
    /// <param name="options">Server settings.</param>
    /// <param name="createHandler">
    /// Creates the adapter's handler for the requests that pass the not-found paths, health paths and
    /// concurrency limit; called once, before the server starts, with the server (for <see cref="DrainExpired"/>).
    /// </param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException"><c>PORT</c> is not a valid port, or a user route collides with a health path.</exception>
    /// <exception cref="IOException">The port cannot be bound (for example, it is in use).</exception>
    /// <remarks>
    /// The server is Kestrel itself, without ASP.NET Core's generic host, service container or hosting
    /// layer: the function core does what those would (services, logging, tracing), and leaving them
    /// out is most of a Kestrel host's start-up time. SIGTERM, SIGINT and SIGQUIT request the shutdown
    /// that <see cref="WaitForShutdownAsync"/> performs, as ASP.NET Core's console lifetime does.
    /// </remarks>
    public static async Task<FunctionWebServer> StartAsync(
        FunctionApp app,
        PlatformInfo platform,
        FunctionWebServerOptions options,
        Func<FunctionWebServer, RequestDelegate> createHandler,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(createHandler);
        var port = options.Port ?? ReadPort(app);
        app.Freeze();
        ThrowOnHealthCollision(app, options);

        var server = new FunctionWebServer(app, platform);
        try
        {
            server._gate = new FunctionRequestGate(app, options, createHandler(server));
            var kestrel = new KestrelServerOptions { AddServerHeader = false };
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize ?? app.Options.MaxRequestBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersTotalSize;

            // Kestrel negotiates HTTP/2 only through TLS ALPN, so on a cleartext port it is either
            // HTTP/1.1 or h2c with prior knowledge, chosen like the Knative port name (http1 / h2c).
            var h2c = options.UseH2c ?? string.Equals(app.Configuration["PORTABLE_HTTP_PROTOCOL"], "h2c", StringComparison.OrdinalIgnoreCase);
            Action<ListenOptions> protocols = listen => listen.Protocols = h2c ? HttpProtocols.Http2 : HttpProtocols.Http1;
            if (options.BindAddress is { } address)
            {
                kestrel.Listen(address, port, protocols);
            }
            else
            {
                kestrel.ListenAnyIP(port, protocols);
            }

            var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), app.LoggerFactory);
            server._kestrel = new KestrelServer(Options.Create(kestrel), transport, app.LoggerFactory);
            await server._kestrel.StartAsync(new FunctionHttpApplication(server._gate.HandleAsync), cancellationToken).ConfigureAwait(false);
            server.ListenForSignals();

            // Log what Kestrel bound (e.g. http://[::]:8080 on every interface), and a loopback URL a
            // developer can open when that is not one; Addresses keeps the openable form for callers.
            var bound = server._kestrel.Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
            server.Addresses = bound
                .Select(a => new Uri(a.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)))
                .ToArray();
            var open = string.Join(", ", server.Addresses.Where((uri, i) => !string.Equals(uri.ToString().TrimEnd('/'), bound[i].TrimEnd('/'), StringComparison.Ordinal)));
            if (open.Length == 0)
            {
                LogListening(app.Logger, string.Join(", ", bound), platform.Name);
            }
            else
            {
                LogListeningOpen(app.Logger, string.Join(", ", bound), platform.Name, open);
            }

            return server;
        }
        catch
        {
            // A handler that refuses the app, or a port in use: release what was built, then fail start-up.
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Builds the request delegate the server runs, without a server: not-found paths (404), health
    /// paths (200), the concurrency limit (429), then <paramref name="handler"/>. For mounting the
    /// pipeline in an existing ASP.NET Core app, or driving it with a <see cref="DefaultHttpContext"/>.
    /// </summary>
    /// <param name="app">The function app; frozen by this call.</param>
    /// <param name="options">Server settings (only the path and concurrency settings are used).</param>
    /// <param name="handler">The adapter's handler.</param>
    /// <returns>The request delegate.</returns>
    /// <exception cref="InvalidOperationException">A user route collides with a health path.</exception>
    public static RequestDelegate CreateRequestDelegate(FunctionApp app, FunctionWebServerOptions options, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        app.Freeze();
        ThrowOnHealthCollision(app, options);
        return new FunctionRequestGate(app, options, handler).HandleAsync;
    }

    /// <summary>
    /// Waits until a shutdown is asked for (SIGTERM, SIGINT, SIGQUIT, <see cref="StopAsync"/> or
    /// <paramref name="cancellationToken"/>), then stops the server as <see cref="StopAsync"/> does.
    /// </summary>
    /// <param name="cancellationToken">Stops the server when fired.</param>
    /// <returns>A task that completes after the drain.</returns>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default)
    {
        using (cancellationToken.Register(static s => ((FunctionWebServer)s!)._stopRequested.TrySetResult(), this))
        {
            await _stopRequested.Task.ConfigureAwait(false);
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops accepting connections and drains in-flight requests for up to the app's shutdown timeout
    /// (<see cref="FunctionOptions.ShutdownTimeout"/>); connections still open then are aborted. Every
    /// call after the first waits for the same stop.
    /// </summary>
    /// <param name="cancellationToken">Abandons the drain (open connections are aborted).</param>
    /// <returns>A task that completes after the drain.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
        {
            return _stopped ??= StopOnceAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        if (_kestrel is not null)
        {
            // After a graceful stop this returns at once; otherwise open connections are aborted.
            await _kestrel.StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
            _kestrel.Dispose();
        }

        if (_drainTimer is not null)
        {
            await _drainTimer.DisposeAsync().ConfigureAwait(false);
        }

        _drainExpired.Dispose();
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        _stopRequested.TrySetResult();
        var started = Stopwatch.GetTimestamp();
        var options = _app.Options;
        StartDrainBudget(options);
        if (_gate?.InFlight is { } inFlight)
        {
            LogDrainingCount(_app.Logger, inFlight, options.ShutdownTimeout.TotalSeconds);
        }
        else
        {
            LogDraining(_app.Logger, options.ShutdownTimeout.TotalSeconds);
        }

        if (_kestrel is not null)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(options.ShutdownTimeout);
            await _kestrel.StopAsync(budget.Token).ConfigureAwait(false);
        }

        LogStopped(_app.Logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private void ListenForSignals()
    {
        // As ASP.NET Core's console lifetime: the signal asks for a shutdown instead of ending the
        // process, so WaitForShutdownAsync can drain and the app's Main can return normally.
        Action<PosixSignalContext> handler = context =>
        {
            context.Cancel = true;
            _stopRequested.TrySetResult();
        };
        _signals = OperatingSystem.IsWindows()
            ? [PosixSignalRegistration.Create(PosixSignal.SIGINT, handler), PosixSignalRegistration.Create(PosixSignal.SIGTERM, handler)]
            : [PosixSignalRegistration.Create(PosixSignal.SIGINT, handler), PosixSignalRegistration.Create(PosixSignal.SIGTERM, handler), PosixSignalRegistration.Create(PosixSignal.SIGQUIT, handler)];
    }

    private void StartDrainBudget(FunctionOptions options)
    {
        // In-flight requests keep running during the drain; their token fires only when the budget
        // (shutdown timeout minus the grace period) is about to run out, so they can still answer.
        var budget = options.ShutdownTimeout - options.DeadlineGracePeriod;
        _drainTimer = new Timer(static s => ((CancellationTokenSource)s!).Cancel(), _drainExpired, budget < TimeSpan.Zero ? TimeSpan.Zero : budget, Timeout.InfiniteTimeSpan);
    }

    private static int ReadPort(FunctionApp app)
    {
        var text = app.Configuration["PORT"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return 8080;
        }

        return int.TryParse(text, out var port) && port is >= 0 and <= IPEndPoint.MaxPort
            ? port
            : throw new InvalidOperationException($"PORT='{text}' is not a valid TCP port.");
    }

    private static void ThrowOnHealthCollision(FunctionApp app, FunctionWebServerOptions options)
    {
        foreach (var path in options.HealthPaths)
        {
            var clash = app.Functions.FirstOrDefault(f => string.Equals(f.Route, path, StringComparison.OrdinalIgnoreCase));
            if (clash is not null)
            {
                throw new InvalidOperationException($"Function '{clash.Name}' is mapped to the health path {path}; choose another route or change the host's health paths.");
            }
        }
    }

    [LoggerMessage(11, LogLevel.Information, "Listening on {Addresses} ({Platform}).")]
    private static partial void LogListening(ILogger logger, string addresses, string platform);

    [LoggerMessage(12, LogLevel.Information, "Listening on {Addresses} ({Platform}); open {Url}")]
    private static partial void LogListeningOpen(ILogger logger, string addresses, string platform, string url);

    [LoggerMessage(13, LogLevel.Information, "Shutting down: no new connections; draining in-flight requests for up to {Seconds} s.")]
    private static partial void LogDraining(ILogger logger, double seconds);

    [LoggerMessage(14, LogLevel.Information, "Shutting down: no new connections; draining {InFlight} in-flight request(s) for up to {Seconds} s.")]
    private static partial void LogDrainingCount(ILogger logger, int inFlight, double seconds);

    [LoggerMessage(15, LogLevel.Information, "Stopped {Milliseconds} ms after shutdown began.")]
    private static partial void LogStopped(ILogger logger, long milliseconds);
}
