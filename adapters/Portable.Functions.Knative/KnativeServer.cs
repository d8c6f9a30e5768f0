using Microsoft.AspNetCore.Http;
using Portable.Functions.AspNetCore;

namespace Portable.Functions.Knative;

/// <summary>
/// Starts the Knative host on the shared Kestrel bootstrap (<see cref="FunctionWebServer"/>): HTTP/1.1 or
/// h2c on <c>PORT</c>, Knative Functions' health endpoints, the concurrency limit, CloudEvents delivery,
/// and a graceful drain on SIGTERM.
/// </summary>
public static class KnativeServer
{
    /// <summary>Builds and starts the server; returns once it accepts connections.</summary>
    /// <param name="app">The function app.</param>
    /// <param name="options">Host settings; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException"><c>PORT</c> is not a valid port, or a user route collides with a health path.</exception>
    public static Task<FunctionWebServer> StartAsync(FunctionApp app, KnativeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        options ??= new KnativeOptions();
        return FunctionWebServer.StartAsync(
            app,
            KnativeHttpMapper.CreatePlatform(app, options.PlatformName),
            ToServerOptions(options),
            server => new KnativeHttpMapper(app, server.Platform, server.DrainExpired).HandleAsync,
            cancellationToken);
    }

    /// <summary>The request delegate the server runs, without a server (benchmarks and the native invoker drive it with a <see cref="DefaultHttpContext"/>).</summary>
    internal static RequestDelegate CreateRequestDelegate(FunctionApp app, KnativeOptions options) =>
        FunctionWebServer.CreateRequestDelegate(app, ToServerOptions(options), new KnativeHttpMapper(app, KnativeHttpMapper.CreatePlatform(app, options.PlatformName), CancellationToken.None).HandleAsync);

    private static FunctionWebServerOptions ToServerOptions(KnativeOptions options)
    {
        var server = new FunctionWebServerOptions
        {
            Port = options.Port,
            BindAddress = options.BindAddress,
            UseH2c = options.UseH2c,
            MaxConcurrentRequests = options.MaxConcurrentRequests,
            MaxRequestHeadersTotalSize = options.MaxRequestHeadersTotalSize,
        };
        foreach (var path in new[] { options.ReadinessPath, options.LivenessPath })
        {
            if (path is not null)
            {
                server.HealthPaths.Add(path);
            }
        }

        return server;
    }
}
