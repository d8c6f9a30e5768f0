using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>
/// Serves HTTP functions in the host's proxying mode: the request the host forwards is the client's
/// own (original path with the route prefix, query, headers, streamed body), and the response is
/// relayed as written, so nothing is re-encoded.
/// </summary>
internal sealed partial class ProxiedHttpHandler
{
    private readonly FunctionApp _app;
    private readonly FunctionInvoker _invoker;
    private readonly string _routePrefix;
    private readonly Dictionary<string, AzureBindings> _cloudEventRoutes;

    public ProxiedHttpHandler(FunctionApp app, AzureCustomHandlerOptions options, IEnumerable<AzureBindings> bindings)
    {
        _app = app;
        _invoker = app.Freeze();
        _routePrefix = options.RoutePrefix;
        _cloudEventRoutes = bindings.Where(b => b.IsCloudEventOverHttp).ToDictionary(b => "/" + b.Route, StringComparer.OrdinalIgnoreCase);
    }

    public async Task HandleAsync(HttpContext http, InvocationOptions options)
    {
        var request = new FunctionRequest(http.Request.Method, HttpTriggerMapper.StripPrefix(http.Request.Path.Value ?? "/", _routePrefix), HeaderCollection.Wrap(http.Request.Headers))
        {
            QueryString = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : string.Empty,
            Body = http.Request.Body,
            RemoteIpAddress = http.Connection.RemoteIpAddress?.ToString(),
        };
        var response = _cloudEventRoutes.TryGetValue(request.Path, out var binding)
            ? await new CustomHandlerDispatcher(_invoker, binding, new CustomHandlerResult()).InvokeHttpAsync(request, options).ConfigureAwait(false)
            : await _invoker.InvokeHttpAsync(request, options).ConfigureAwait(false);
        await WriteAsync(http, response).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpContext http, FunctionResponse response)
    {
        var native = http.Response;
        native.StatusCode = response.StatusCode;
        foreach (var (name, values) in response.Headers)
        {
            native.Headers[name] = values;
        }

        if (response.Cookies.Count > 0)
        {
            native.Headers.SetCookie = new StringValues([.. response.Cookies]);
        }

        if (HttpMethods.IsHead(http.Request.Method) || response.StatusCode is 204 or 304)
        {
            // RFC 9110 §9.3.2: a HEAD response should carry the Content-Length a GET would have.
            if (HttpMethods.IsHead(http.Request.Method) && response.StatusCode is not (204 or 304) && response.Body.TryGetBytes(out var headBytes))
            {
                native.ContentLength = headBytes.Length;
            }

            return;
        }

        try
        {
            await response.Body.WriteToAsync(native.Body, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Status and headers may be gone already: aborting the stream is the only honest signal.
            LogStreamFailed(_app.Logger, exception);
            http.Abort();
        }
    }

    [LoggerMessage(20, LogLevel.Error, "The proxied response failed while its body was written; the connection was aborted.")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception);
}
