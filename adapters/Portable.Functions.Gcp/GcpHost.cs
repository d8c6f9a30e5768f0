using System.Net;
using Microsoft.Extensions.Logging;
using Portable.Functions.AspNetCore;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp;

/// <summary>
/// Serves one function the Functions Framework way on the shared Kestrel bootstrap: the target
/// receives every path and method (except <c>/robots.txt</c> and <c>/favicon.ico</c>, 404), event
/// targets also accept legacy GCF events, invocation ids come from <c>Function-Execution-Id</c> and
/// traces from <c>X-Cloud-Trace-Context</c> when there is no <c>traceparent</c>.
/// </summary>
internal sealed partial class GcpHost(GcpOptions options, IReadOnlyList<string> args) : IFunctionHost
{
    public string Name => "gcp";

    public bool IsFallback => false;

    // K_SERVICE is set on plain Knative/Cloud Run too; only Cloud Run functions (and the conformance
    // runner) name a target.
    public bool IsActive(FunctionApp app) => GcpSettings.HasTarget(app.Configuration, args);

    public async Task RunAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(app, cancellationToken).ConfigureAwait(false);
        await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves the target and starts the server.</summary>
    /// <exception cref="InvalidOperationException">No or an unknown target, or invalid settings.</exception>
    internal Task<FunctionWebServer> StartAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        var (target, server, platform) = Prepare(app);
        return FunctionWebServer.StartAsync(app, platform, server, web => new GcpHttpMapper(app, target, web.Platform, web.DrainExpired).HandleAsync, cancellationToken);
    }

    /// <summary>The request delegate the server runs (not-found paths included), without a server: the native invoker drives it in memory.</summary>
    /// <exception cref="InvalidOperationException">No or an unknown target, or invalid settings.</exception>
    internal Microsoft.AspNetCore.Http.RequestDelegate CreateRequestDelegate(FunctionApp app)
    {
        var (target, server, platform) = Prepare(app);
        return FunctionWebServer.CreateRequestDelegate(app, server, new GcpHttpMapper(app, target, platform, CancellationToken.None).HandleAsync);
    }

    private (FunctionDescriptor Target, FunctionWebServerOptions Server, PlatformInfo Platform) Prepare(FunctionApp app)
    {
        var settings = GcpSettings.Read(app.Configuration, args);
        var target = ResolveTarget(app, settings.Target);
        var declared = GcpSignatureType.Declared(target);
        if (settings.SignatureType is { } configured && configured != declared)
        {
            // The spec's precedence: the declaration in code beats flags and environment.
            LogSignatureMismatch(app.Logger, target.Name, declared, configured);
        }

        var server = options.Server;
        server.Port ??= settings.Port;

        // As the .NET Functions Framework: loopback for local runs (the conformance client talks to
        // localhost), every interface on Cloud Run (K_SERVICE is always set there) or in a container.
        if (server.BindAddress is null && string.IsNullOrEmpty(app.Configuration["K_SERVICE"])
            && !string.Equals(app.Configuration["DOTNET_RUNNING_IN_CONTAINER"], "true", StringComparison.OrdinalIgnoreCase))
        {
            server.BindAddress = IPAddress.Loopback;
        }

        foreach (var path in new[] { "/robots.txt", "/favicon.ico" })
        {
            if (!server.NotFoundPaths.Contains(path))
            {
                server.NotFoundPaths.Add(path);
            }
        }

        var platform = PlatformEnvironment.Read("gcp", app.Configuration, null, "K_SERVICE", "K_REVISION", "K_CONFIGURATION");
        LogServing(app.Logger, target.Name, declared);
        return (target, server, platform);
    }

    private static FunctionDescriptor ResolveTarget(FunctionApp app, string? name)
    {
        var registered = string.Join(", ", app.Functions.Select(f => $"{f.Name} ({GcpSignatureType.Declared(f)})"));
        if (name is null)
        {
            // As in the .NET framework: without a target, a single function is unambiguous.
            return app.Functions.Count == 1
                ? app.Functions[0]
                : throw new InvalidOperationException($"No function target: set FUNCTION_TARGET or pass --target to one of: {registered}.");
        }

        return app.Freeze(servedFunction: name).FindByName(name)
            ?? throw new InvalidOperationException($"Function target '{name}' (FUNCTION_TARGET or --target) is not a registered function. Registered: {(registered.Length == 0 ? "none" : registered)}.");
    }

    [LoggerMessage(20, LogLevel.Warning, "Function {Target} declares signature type {Declared}; the configured {Configured} is ignored (the declaration in code wins).")]
    private static partial void LogSignatureMismatch(ILogger logger, string target, string declared, string configured);

    [LoggerMessage(21, LogLevel.Information, "Serving function {Target} (signature type {Signature}) on every path.")]
    private static partial void LogServing(ILogger logger, string target, string signature);
}
