using Microsoft.AspNetCore.Http;
using Portable.Functions.AspNetCore;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>
/// Serves HTTP functions in the host's proxying mode: the request the host forwards is the client's
/// own (original path with the route prefix, query, headers, streamed body), and the response is
/// relayed as written, so nothing is re-encoded.
/// </summary>
internal sealed class AzureProxiedHttpMapper
{
    private readonly FunctionApp _app;
    private readonly FunctionInvoker _invoker;
    private readonly string _routePrefix;
    private readonly Dictionary<string, AzureBindings> _cloudEventRoutes;

    public AzureProxiedHttpMapper(FunctionApp app, AzureCustomHandlerOptions options, IEnumerable<AzureBindings> bindings)
    {
        _app = app;
        _invoker = app.Freeze();
        _routePrefix = options.RoutePrefix;
        _cloudEventRoutes = bindings.Where(b => b.IsCloudEventOverHttp).ToDictionary(b => "/" + b.Route, StringComparer.OrdinalIgnoreCase);
    }

    public async Task HandleAsync(HttpContext http, InvocationOptions options)
    {
        var request = http.ReadFunctionRequest(AzureHttpPath.StripPrefix(http.Request.Path.Value ?? "/", _routePrefix));
        var response = _cloudEventRoutes.TryGetValue(request.Path, out var binding)
            ? await AzureTriggerDispatcher.Create(_invoker, binding).InvokeHttpAsync(request, options).ConfigureAwait(false)
            : await _invoker.InvokeHttpAsync(request, options).ConfigureAwait(false);
        await http.WriteFunctionResponseAsync(response, _app.Logger).ConfigureAwait(false);
    }
}
