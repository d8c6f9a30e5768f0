using System.Net;
using Portable.Functions.AspNetCore;

namespace Portable.Functions.Azure;

/// <summary>
/// Starts the custom handler on the shared Kestrel bootstrap (<see cref="FunctionWebServer"/>): HTTP/1.1 on
/// <c>127.0.0.1</c> (the Functions host always calls the loopback address) at <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>,
/// <c>/</c> answering the host's readiness poll, the invocation payload limit as the body limit, and a
/// graceful drain on shutdown.
/// </summary>
public static class AzureCustomHandlerServer
{
    /// <summary>Builds and starts the server; returns once it accepts connections.</summary>
    /// <param name="app">The function app.</param>
    /// <param name="options">Host settings; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running server; <see cref="FunctionWebServer.Addresses"/> holds the one loopback address.</returns>
    /// <exception cref="InvalidOperationException">No valid port, or a function cannot be expressed as an Azure function.</exception>
    public static Task<FunctionWebServer> StartAsync(FunctionApp app, AzureCustomHandlerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        options ??= new AzureCustomHandlerOptions();
        var server = ServerOptions(options, options.Port ?? ReadPort(app));

        return FunctionWebServer.StartAsync(
            app,
            AzurePayloadMapper.CreatePlatform(app),
            server,

            // Created before Kestrel starts: a function Azure cannot express fails start-up.
            web => new AzurePayloadMapper(app, options, web.Platform, web.DrainExpired).HandleAsync,
            cancellationToken);
    }

    /// <summary>The request delegate the server runs (readiness path included), without a server: the native invoker drives it in memory.</summary>
    /// <exception cref="InvalidOperationException">A function cannot be expressed as an Azure function.</exception>
    internal static Microsoft.AspNetCore.Http.RequestDelegate CreateRequestDelegate(FunctionApp app, AzureCustomHandlerOptions options) =>
        FunctionWebServer.CreateRequestDelegate(app, ServerOptions(options, 0), new AzurePayloadMapper(app, options, AzurePayloadMapper.CreatePlatform(app), CancellationToken.None).HandleAsync);

    private static FunctionWebServerOptions ServerOptions(AzureCustomHandlerOptions options, int port)
    {
        var server = new FunctionWebServerOptions
        {
            Port = port,
            BindAddress = IPAddress.Loopback,
            UseH2c = false,
            MaxRequestBodySize = options.MaxPayloadBytes,

            // The host throttles invocations itself (maxConcurrentRequests / batch sizes): no limit here.
            MaxConcurrentRequests = 0,
        };

        // The host polls / until any response arrives.
        server.HealthPaths.Add("/");
        return server;
    }

    private static int ReadPort(FunctionApp app)
    {
        var text = app.Configuration[AzureCustomHandlerHost.PortVariable];
        return int.TryParse(text, out var port) && port is > 0 and <= IPEndPoint.MaxPort
            ? port
            : throw new InvalidOperationException($"{AzureCustomHandlerHost.PortVariable}='{text}' is not a valid TCP port.");
    }
}
