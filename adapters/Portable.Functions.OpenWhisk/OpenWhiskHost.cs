using Microsoft.AspNetCore.Http;
using Portable.Functions.AspNetCore;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenWhisk;

/// <summary>
/// The action runtime: <c>POST /init</c> and <c>POST /run</c> on port 8080 (docs/actions-new.md, Action
/// interface; docs/actions-docker.md for Docker actions), one JSON object in and out.
/// </summary>
internal sealed class OpenWhiskHost(OpenWhiskOptions options) : IFunctionHost
{
    public string Name => "openwhisk";

    public bool IsFallback => false;

    // __OW_API_HOST is set by the invoker's container factories when the container is created; the other
    // __OW_* values arrive per activation (in /init's env and /run's context), too late to pick a host.
    public bool IsActive(FunctionApp app) => options.Enabled ?? !string.IsNullOrEmpty(ApiHost(app));

    /// <summary>
    /// <c>__OW_API_HOST</c>. The environment-variable configuration source reads a double underscore as a
    /// section separator (<c>__OW_API_HOST</c> becomes <c>:OW_API_HOST</c>), so the process environment is
    /// read directly when the configuration has no such key.
    /// </summary>
    internal static string? ApiHost(FunctionApp app) =>
        app.Configuration[OpenWhiskPlatformProperties.ApiHost] is { Length: > 0 } configured ? configured
        : Environment.GetEnvironmentVariable(OpenWhiskPlatformProperties.ApiHost);

    public async Task RunAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(app, null, cancellationToken).ConfigureAwait(false);
        await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the server; <paramref name="configureRuntime"/> lets tests capture the log markers.</summary>
    /// <exception cref="InvalidOperationException"><see cref="OpenWhiskOptions.Function"/> names no registered function.</exception>
    internal Task<FunctionWebServer> StartAsync(FunctionApp app, Func<OpenWhiskRuntime, OpenWhiskRuntime>? configureRuntime, CancellationToken cancellationToken)
    {
        var (runtime, maxEnvelope, serverOptions, platform) = Prepare(app, configureRuntime);
        return FunctionWebServer.StartAsync(app, platform, serverOptions, server => http => HandleAsync(http, runtime, maxEnvelope, server.DrainExpired), cancellationToken);
    }

    /// <summary>
    /// The request delegate the server runs (<c>/init</c> and <c>/run</c>), without a server: the native
    /// invoker drives it in memory. The activation markers go to standard output and error, as served.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="OpenWhiskOptions.Function"/> names no registered function.</exception>
    internal RequestDelegate CreateRequestDelegate(FunctionApp app)
    {
        var (runtime, maxEnvelope, serverOptions, _) = Prepare(app, null);
        return FunctionWebServer.CreateRequestDelegate(app, serverOptions, http => HandleAsync(http, runtime, maxEnvelope, CancellationToken.None));
    }

    private (OpenWhiskRuntime Runtime, long MaxEnvelope, FunctionWebServerOptions Server, PlatformInfo Platform) Prepare(FunctionApp app, Func<OpenWhiskRuntime, OpenWhiskRuntime>? configureRuntime)
    {
        var invoker = app.Freeze();
        var runtime = new OpenWhiskRuntime(app, invoker, options);
        runtime = configureRuntime?.Invoke(runtime) ?? runtime;

        // The envelope carries a binary web body as base64 inside JSON: allow for that growth here; the
        // decoded body is held to MaxRequestBodySize by the mapper.
        var maxEnvelope = app.Options.MaxRequestBodySize > long.MaxValue / 2 ? long.MaxValue : (app.Options.MaxRequestBodySize * 2) + 64 * 1024;
        var serverOptions = new FunctionWebServerOptions
        {
            Port = options.Port,
            BindAddress = options.BindAddress,
            MaxRequestBodySize = maxEnvelope,
        };
        var platform = new PlatformInfo("openwhisk", ApiHost(app) is { Length: > 0 } apiHost
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [OpenWhiskPlatformProperties.ApiHost] = apiHost }
            : null);
        return (runtime, maxEnvelope, serverOptions, platform);
    }

    private static async Task HandleAsync(HttpContext http, OpenWhiskRuntime runtime, long maxEnvelope, CancellationToken drainExpired)
    {
        var path = http.Request.Path.Value;
        var isRun = path == "/run";
        OpenWhiskAnswer answer;
        if (!isRun && path != "/init")
        {
            answer = runtime.Refuse(new FunctionProblemException(404, "Not Found", "The action runtime serves POST /init and POST /run only."), false);
        }
        else if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "POST";
            answer = runtime.Refuse(new FunctionProblemException(405, "Method Not Allowed", $"{path} accepts POST only."), isRun);
        }
        else
        {
            byte[] body;
            try
            {
                body = await ReadBodyAsync(http, maxEnvelope).ConfigureAwait(false);
            }
            catch (FunctionProblemException problem)
            {
                await WriteAsync(http, runtime.Refuse(problem, isRun)).ConfigureAwait(false);
                return;
            }

            answer = isRun ? await runtime.RunAsync(body, http.RequestAborted, drainExpired).ConfigureAwait(false) : runtime.Init(body);
        }

        await WriteAsync(http, answer).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http, long maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            throw FunctionProblemException.PayloadTooLarge(maxBytes);
        }

        // The bridge's body stream turns Kestrel's own read errors (limit, bad framing) into 413/400 problems.
        var request = http.ReadFunctionRequest();
        using var buffer = new MemoryStream(http.Request.ContentLength is { } length and > 0 ? (int)Math.Min(length, 1 << 20) : 4096);
        await request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        return buffer.Length > maxBytes ? throw FunctionProblemException.PayloadTooLarge(maxBytes) : buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext http, OpenWhiskAnswer answer)
    {
        http.Response.StatusCode = answer.StatusCode;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = answer.Body.Length;
        await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted).ConfigureAwait(false);
    }
}
