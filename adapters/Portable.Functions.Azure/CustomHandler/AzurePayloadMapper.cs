using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Portable.Functions.AspNetCore;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>
/// Serves the Functions host's calls to a custom handler after the bridge's gate (where <c>/</c>, a
/// health path, answers the readiness poll): <c>POST /{functionName}</c> carries a JSON invocation payload (<c>Data</c>, <c>Metadata</c>) that is
/// mapped to the neutral model, invoked, and answered with <c>Outputs</c>/<c>Logs</c>/<c>ReturnValue</c>.
/// </summary>
/// <remarks>
/// Status codes are the settlement signal: 200 completes the invocation (success or a logged drop);
/// any other status fails it, so the trigger's own retry rules apply (queue dequeue count and poison
/// queue, Service Bus abandon and dead-letter, host retry policies). Malformed payloads get a 4xx
/// problem response and fail the invocation; they never reach a function.
/// </remarks>
internal sealed class AzurePayloadMapper
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    private readonly FunctionApp _app;
    private readonly FunctionInvoker _invoker;
    private readonly AzureCustomHandlerOptions _options;
    private readonly CancellationToken _drainExpired;
    private readonly Dictionary<string, AzureBindings> _bindings;
    private readonly PlatformInfo _platform;
    private readonly AzureProxiedHttpMapper? _proxied;

    public AzurePayloadMapper(FunctionApp app, AzureCustomHandlerOptions options, PlatformInfo platform, CancellationToken drainExpired)
    {
        _app = app;
        _invoker = app.Freeze();
        _options = options;
        _drainExpired = drainExpired;
        _bindings = app.Functions.ToDictionary(f => f.Name, f => AzureBindings.ForCustomHandler(f, options.DefaultAuthLevel), StringComparer.OrdinalIgnoreCase);
        _platform = platform;
        if (options.EnableProxying)
        {
            ThrowOnPayloadPathCollision(app, options);
            _proxied = new AzureProxiedHttpMapper(app, options, _bindings.Values);
        }
    }

    /// <summary>The platform: <c>azure</c>, mode <c>custom-handler</c>, the site, instance and worker ids.</summary>
    public static PlatformInfo CreatePlatform(FunctionApp app) => PlatformEnvironment.Read(
        "azure", app.Configuration, "custom-handler", "WEBSITE_SITE_NAME", "WEBSITE_INSTANCE_ID", "FUNCTIONS_CUSTOMHANDLER_WORKER_ID");

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value is { Length: > 1 } p ? p : "/";
        var invocationId = http.Request.Headers["X-Azure-Functions-InvocationId"].ToString() is { Length: > 0 } id ? id : null;
        if (_proxied is not null && !IsPayloadInvocation(http, path))
        {
            await _proxied.HandleAsync(http, Options(http, invocationId, null, null, null)).ConfigureAwait(false);
            return;
        }

        FunctionResponse? failure;
        try
        {
            failure = await InvokeAsync(http, path[1..], invocationId).ConfigureAwait(false);
        }
        catch (FunctionProblemException problem)
        {
            failure = _invoker.Reject(problem, invocationId);
        }

        if (failure is not null)
        {
            await http.WriteFunctionResponseAsync(failure, _app.Logger).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one invocation; returns a failure response, or <see langword="null"/> once the result is written.</summary>
    private async Task<FunctionResponse?> InvokeAsync(HttpContext http, string name, string? invocationId)
    {
        if (!_bindings.TryGetValue(name, out var binding))
        {
            throw new FunctionProblemException(404, "Not Found", $"No function named '{UntrustedText.Shorten(name)}'.");
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            throw new FunctionProblemException(405, "Method Not Allowed", "Invocations are POSTed.") { Headers = [new("Allow", "POST")] };
        }

        if (!MediaType.IsJson(http.Request.ContentType))
        {
            throw FunctionProblemException.UnsupportedMediaType(http.Request.ContentType, "the host's JSON invocation payload");
        }

        using var document = await ReadPayloadAsync(http).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw FunctionProblemException.BadRequest("The invocation payload must be a JSON object with 'Data' and 'Metadata'.");
        }

        if (!AzurePayload.TryGet(root, "Data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw FunctionProblemException.BadRequest("The invocation payload has no 'Data' object.");
        }

        var metadata = AzurePayload.TryGet(root, "Metadata", out var meta) && meta.ValueKind == JsonValueKind.Object ? meta : default;
        var trigger = TriggerValue(data, binding);
        invocationId ??= (metadata.ValueKind == JsonValueKind.Object && AzurePayload.TryGet(metadata, "sys", out var sys) ? AzurePayload.GetText(sys, "RandGuid") : null)
            ?? Guid.NewGuid().ToString();

        var dispatcher = AzureTriggerDispatcher.Create(_invoker, binding);
        AzureHttpOutput? output = null;
        if (binding.IsHttp)
        {
            var request = AzureHttpMapper.ToRequest(trigger, _options.RoutePrefix);
            var options = Options(http, invocationId, request.Headers.GetFirst("traceparent"), request.Headers.GetFirst("tracestate"), null);
            var response = await dispatcher.InvokeHttpAsync(request, options).ConfigureAwait(false);
            output = await AzureHttpMapper.ToOutputAsync(response, request.Method, dispatcher, options.Aborted).ConfigureAwait(false);
        }
        else
        {
            var events = AzureEventMapper.ToEvents(binding, trigger, metadata, invocationId);
            var options = Options(http, invocationId, null, null, AzureEventMapper.DeliveryAttempt(binding, metadata));
            if (await dispatcher.RunEventsAsync(events, options).ConfigureAwait(false) is { } retry)
            {
                return retry;
            }
        }

        var body = AzurePayloadResult.Serialize(output, dispatcher);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
        return null;
    }

    // With proxying on, the host sends payloads only for functions that are not simple HTTP functions.
    private bool IsPayloadInvocation(HttpContext http, string path) =>
        HttpMethods.IsPost(http.Request.Method) && _bindings.TryGetValue(path[1..], out var binding) && !binding.IsHttp;

    private static void ThrowOnPayloadPathCollision(FunctionApp app, AzureCustomHandlerOptions options)
    {
        if (options.RoutePrefix.Trim('/').Length > 0)
        {
            return;
        }

        foreach (var function in app.Functions)
        {
            var path = "/" + function.Name;
            if (!AzureBindings.ForCustomHandler(function).IsHttp && app.Freeze().HasHttpRoute(path))
            {
                throw new InvalidOperationException(
                    $"With proxying and an empty route prefix, the HTTP route {path} would shadow the invocations of '{function.Name}'; rename one of them.");
            }
        }
    }

    private InvocationOptions Options(HttpContext http, string? invocationId, string? traceParent, string? traceState, int? deliveryAttempt) => new()
    {
        Platform = _platform,
        InvocationId = invocationId,
        Aborted = http.RequestAborted,
        HostShutdown = _drainExpired,

        // The host's HttpClient propagates its own W3C context on the call to the handler.
        TraceParent = traceParent ?? (http.Request.Headers["traceparent"].ToString() is { Length: > 0 } parent ? parent : null),
        TraceState = traceState ?? (http.Request.Headers["tracestate"].ToString() is { Length: > 0 } state ? state : null),
        DeliveryAttempt = deliveryAttempt,
        NativeRequest = http,
    };

    private async Task<JsonDocument> ReadPayloadAsync(HttpContext http)
    {
        // Kestrel enforces MaxPayloadBytes (set as its body limit) while the document is read.
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
            var payload = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

            // JsonDocument checks structure, not the UTF-8 inside strings (reading one later throws), so the
            // payload is checked once up front: vectorised, and JSON text must be UTF-8 anyway.
            if (!System.Text.Unicode.Utf8.IsValid(payload.Span))
            {
                throw FunctionProblemException.BadRequest("The invocation payload is not valid UTF-8.");
            }

            return JsonDocument.Parse(Utf8JsonText.WithoutByteOrderMark(payload), s_documentOptions);
        }
        catch (JsonException exception)
        {
            throw FunctionProblemException.BadRequest("The invocation payload is not valid JSON.", exception);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw FunctionProblemException.PayloadTooLarge(_options.MaxPayloadBytes);
        }
        catch (BadHttpRequestException exception)
        {
            throw FunctionProblemException.BadRequest("The invocation payload could not be read.", exception);
        }
    }

    private static JsonElement TriggerValue(JsonElement data, AzureBindings binding)
    {
        if (AzurePayload.TryGet(data, binding.TriggerName, out var value))
        {
            return value;
        }

        // Hand-written function.json files name the trigger freely; a lone Data entry is the trigger.
        if (data.EnumerateObject().Count() == 1)
        {
            return data.EnumerateObject().First().Value;
        }

        throw FunctionProblemException.BadRequest($"'Data' has no '{binding.TriggerName}' entry for the trigger of '{binding.Function.Name}'.");
    }
}
