using Microsoft.AspNetCore.Http;
using Portable.Functions.AspNetCore;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenFaaS;

/// <summary>
/// The function's own HTTP server behind of-watchdog in http mode: listens on the upstream URL's port,
/// takes the gateway's <c>X-Call-Id</c> as the invocation id and an <c>X-Timeout</c> as a shorter deadline,
/// serves CloudEvents (from a connector) and HTTP like the Knative host, and answers the watchdog's
/// forwarded readiness probe at <c>ready_path</c>.
/// </summary>
internal sealed class OpenFaasHost(OpenFaasOptions options) : IFunctionHost
{
    public string Name => "openfaas";

    public bool IsFallback => false;

    public bool IsActive(FunctionApp app) => options.Enabled ?? OpenFaasSettings.IsWatchdog(app.Configuration);

    public async Task RunAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(app, cancellationToken).ConfigureAwait(false);
        await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the server.</summary>
    /// <exception cref="InvalidOperationException">The upstream URL is unusable, or a route collides with <c>ready_path</c>.</exception>
    internal Task<FunctionWebServer> StartAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        var (invoker, settings, serverOptions, platform) = Prepare(app);
        return FunctionWebServer.StartAsync(app, platform, serverOptions, server => http => HandleAsync(http, app, invoker, settings, platform, server.DrainExpired), cancellationToken);
    }

    /// <summary>The request delegate the server runs (<c>ready_path</c> included), without a server: the native invoker drives it in memory.</summary>
    /// <exception cref="InvalidOperationException">The upstream URL is unusable, or a route collides with <c>ready_path</c>.</exception>
    internal RequestDelegate CreateRequestDelegate(FunctionApp app)
    {
        var (invoker, settings, serverOptions, platform) = Prepare(app);
        return FunctionWebServer.CreateRequestDelegate(app, serverOptions, http => HandleAsync(http, app, invoker, settings, platform, CancellationToken.None));
    }

    private (FunctionInvoker Invoker, OpenFaasSettings Settings, FunctionWebServerOptions Server, PlatformInfo Platform) Prepare(FunctionApp app)
    {
        var invoker = app.Freeze();
        var settings = OpenFaasSettings.Read(app.Configuration);
        if (settings.UpstreamError is { } error)
        {
            throw new InvalidOperationException(error);
        }

        var serverOptions = new FunctionWebServerOptions
        {
            Port = options.Port ?? settings.Port,
            BindAddress = options.BindAddress ?? settings.BindAddress,
        };
        if (settings.ReadyPath is { } ready)
        {
            serverOptions.HealthPaths.Add(ready);
        }

        var platform = PlatformEnvironment.Read("openfaas", app.Configuration, null);
        return (invoker, settings, serverOptions, platform);
    }

    private static async Task HandleAsync(HttpContext http, FunctionApp app, FunctionInvoker invoker, OpenFaasSettings settings, PlatformInfo platform, CancellationToken drainExpired)
    {
        if (http.TryAnswerWebhookHandshake())
        {
            return;
        }

        var request = http.ReadFunctionRequest();
        var options = http.CreateInvocationOptions(platform, drainExpired, OpenFaasHttpMapper.InvocationId(request));
        if (OpenFaasHttpMapper.Deadline(request, settings, DateTimeOffset.UtcNow) is { } deadline)
        {
            options = OpenFaasHttpMapper.WithDeadline(options, deadline);
        }

        var response = request.Method == "POST" && invoker.HasEventFunctions && CloudEventHttp.IsCloudEvent(request) && !invoker.HasHttpRoute(request.Path)
            ? await invoker.InvokeCloudEventsAsync(request, options, app.Options.MaxRequestBodySize).ConfigureAwait(false)
            : await invoker.InvokeHttpAsync(request, options).ConfigureAwait(false);
        await http.WriteFunctionResponseAsync(response, app.Logger).ConfigureAwait(false);
    }
}
