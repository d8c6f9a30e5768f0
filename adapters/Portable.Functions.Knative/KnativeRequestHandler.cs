using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative;

/// <summary>
/// Maps one Kestrel request to the neutral model and back: health probes, the concurrency limit,
/// CloudEvents (binary, structured, batch) to event functions, everything else to HTTP routing.
/// </summary>
internal sealed partial class KnativeRequestHandler
{
    private readonly FunctionApp _app;
    private readonly FunctionInvoker _invoker;
    private readonly KnativeOptions _options;
    private readonly CancellationToken _drainExpired;
    private readonly FunctionDescriptor? _target;
    private readonly int _maxConcurrency;
    private int _inFlight;

    public KnativeRequestHandler(FunctionApp app, FunctionInvoker invoker, KnativeOptions options, CancellationToken drainExpired)
    {
        _app = app;
        _invoker = invoker;
        _options = options;
        _drainExpired = drainExpired;
        Platform = CreatePlatform(app, options);
        _maxConcurrency = options.MaxConcurrentRequests ?? (int.TryParse(app.Configuration["PORTABLE_MAX_CONCURRENCY"], out var limit) && limit > 0 ? limit : 0);
        if (options.TargetFunction is { } target)
        {
            _target = invoker.FindByName(target) ?? throw new InvalidOperationException(
                $"Function '{target}' is not registered. Registered: {string.Join(", ", app.Functions.Select(f => f.Name))}.");
        }
    }

    public PlatformInfo Platform { get; }

    /// <summary>Requests being served now, when the concurrency limit counts them (otherwise <see langword="null"/>: not counted, to keep the hot path free).</summary>
    public int? InFlight => _maxConcurrency > 0 ? Volatile.Read(ref _inFlight) : null;

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value is { Length: > 0 } p ? p : "/";
        if (IsNotFoundPath(path))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (IsHealthPath(path))
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (_maxConcurrency > 0 && Interlocked.Increment(ref _inFlight) > _maxConcurrency)
        {
            Interlocked.Decrement(ref _inFlight);
            var busy = _invoker.Reject(new FunctionProblemException(429, "Too Many Requests", "The instance is at its concurrency limit; retry later.")
            {
                Headers = [new("Retry-After", "1")],
            });
            await WriteAsync(http, busy).ConfigureAwait(false);
            return;
        }

        try
        {
            await DispatchAsync(http, path).ConfigureAwait(false);
        }
        finally
        {
            if (_maxConcurrency > 0)
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    private async Task DispatchAsync(HttpContext http, string path)
    {
        var headers = HeaderCollection.Wrap(http.Request.Headers);
        var request = new FunctionRequest(http.Request.Method, path, headers)
        {
            QueryString = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : string.Empty,
            Body = new KestrelBodyStream(http.Request.Body),
            RemoteIpAddress = http.Connection.RemoteIpAddress?.ToString(),
        };
        var options = new InvocationOptions
        {
            Platform = Platform,
            InvocationId = _options.InvocationIdReader?.Invoke(request),
            Aborted = http.RequestAborted,
            HostShutdown = _drainExpired,
            TraceParent = headers.GetFirst("traceparent") ?? _options.TraceParentFallback?.Invoke(request),
            TraceState = headers.GetFirst("tracestate"),
            NativeRequest = http,

            // Single-target mode (GCF): every request or event goes to that function whatever its path or type.
            Target = _target,
        };

        if (request.Method == "OPTIONS" && headers.GetFirst("WebHook-Request-Origin") is { } origin)
        {
            // CloudEvents HTTP webhook abuse-protection handshake: allow the sender to deliver.
            http.Response.Headers["WebHook-Allowed-Origin"] = origin;
            http.Response.Headers.Allow = "POST";
            return;
        }

        FunctionResponse response;
        if (IsEventDelivery(request, path))
        {
            response = await HandleEventsAsync(request, options).ConfigureAwait(false);
        }
        else
        {
            response = await _invoker.InvokeHttpAsync(request, options).ConfigureAwait(false);
        }

        await WriteAsync(http, response).ConfigureAwait(false);
    }

    private bool IsEventDelivery(FunctionRequest request, string path)
    {
        if (_target is not null)
        {
            return _target.Kind == FunctionKind.Event;
        }

        return request.Method == "POST" && _invoker.HasEventFunctions && CloudEventHttp.IsCloudEvent(request) && !_invoker.HasHttpRoute(path);
    }

    private async Task<FunctionResponse> HandleEventsAsync(FunctionRequest request, InvocationOptions options)
    {
        IReadOnlyList<CloudEvent> events;
        try
        {
            events = _options.EventConverter is { } convert && !CloudEventHttp.IsCloudEvent(request)
                ? [await convert(request, options.Aborted).ConfigureAwait(false)]
                : await CloudEventHttp.ReadAsync(request, _app.Options.MaxRequestBodySize, options.Aborted).ConfigureAwait(false);
        }
        catch (FunctionProblemException problem)
        {
            return _invoker.RejectInvocation(problem, options);
        }

        var mode = CloudEventHttp.GetContentMode(request);
        if (mode != CloudEventContentMode.Batch)
        {
            var result = await InvokeAsync(events[0], options).ConfigureAwait(false);
            // StatusCode is 202 for an event discarded by UndeliverableEventPolicy.Drop: acknowledged.
            return result.Error is { } error && result.StatusCode >= 400 ? _invoker.ToProblemResponse(error)
                : result.Reply is { } reply ? CloudEventHttp.ToResponse(reply, mode)
                : new FunctionResponse(StatusCodes.Status202Accepted);
        }

        // A batch is delivered at least once as a whole: any retryable failure asks for the whole batch
        // again (handlers must tolerate duplicates, as Knative requires anyway).
        var replies = new List<CloudEvent>();
        InvocationError? firstDrop = null;
        foreach (var cloudEvent in events)
        {
            var result = await InvokeAsync(cloudEvent, options).ConfigureAwait(false);
            if (result.Outcome == EventOutcome.Retry)
            {
                return _invoker.ToProblemResponse(result.Error!);
            }

            firstDrop ??= result.StatusCode >= 400 ? result.Error : null;
            if (result.Reply is { } reply)
            {
                replies.Add(reply);
            }
        }

        if (firstDrop is not null)
        {
            return _invoker.ToProblemResponse(firstDrop);
        }

        return replies.Count == 0
            ? new FunctionResponse(StatusCodes.Status202Accepted)
            : FunctionResponse.Bytes(CloudEventJson.SerializeBatch(replies), "application/cloudevents-batch+json; charset=utf-8");
    }

    private Task<EventInvocationResult> InvokeAsync(CloudEvent cloudEvent, InvocationOptions options) => _invoker.InvokeEventAsync(cloudEvent, options);

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

        if (!CanHaveBody(http.Request.Method, response.StatusCode))
        {
            // RFC 9110 §9.3.2: a HEAD response should carry the Content-Length a GET would have; a
            // buffered body's length is known, a streamed one's is not (Kestrel then sends none).
            if (HttpMethods.IsHead(http.Request.Method) && response.StatusCode is >= 200 and not (204 or 304) && response.Body.TryGetBytes(out var headBytes))
            {
                native.ContentLength = headBytes.Length;
            }

            return;
        }

        if (response.Body.TryGetBytes(out var bytes))
        {
            native.ContentLength = bytes.Length;
            if (!bytes.IsEmpty)
            {
                await native.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        try
        {
            await native.StartAsync(http.RequestAborted).ConfigureAwait(false);
            await response.Body.WriteToAsync(native.Body, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Status and headers are gone: the only honest signal left is to abort the stream.
            LogStreamFailed(_app.Logger, exception);
            http.Abort();
        }
    }

    private bool IsNotFoundPath(string path)
    {
        foreach (var blocked in _options.NotFoundPaths)
        {
            if (path.StartsWith(blocked, StringComparison.OrdinalIgnoreCase)
                && (path.Length == blocked.Length || path[blocked.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsHealthPath(string path) =>
        _target is null && (string.Equals(path, _options.ReadinessPath, StringComparison.Ordinal) || string.Equals(path, _options.LivenessPath, StringComparison.Ordinal));

    private static bool CanHaveBody(string method, int status) =>
        !HttpMethods.IsHead(method) && status is not (204 or 304) && status >= 200;

    private static PlatformInfo CreatePlatform(FunctionApp app, KnativeOptions options)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "K_SERVICE", "K_REVISION", "K_CONFIGURATION" })
        {
            if (app.Configuration[name] is { Length: > 0 } value)
            {
                properties[name] = value;
            }
        }

        return new PlatformInfo(options.PlatformName ?? (properties.ContainsKey("K_SERVICE") ? "knative" : "local"), properties);
    }

    [LoggerMessage(10, LogLevel.Error, "The response stream failed after the headers were sent; the connection was aborted.")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception);
}
