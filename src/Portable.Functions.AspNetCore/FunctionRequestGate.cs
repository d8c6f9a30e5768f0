using Portable.Functions.Hosting;
using Microsoft.AspNetCore.Http;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// What every request meets before the adapter's handler: not-found paths (404), health paths (200)
/// and the concurrency limit (429 with <c>Retry-After: 1</c>, which Knative and Cloud Run retry).
/// </summary>
internal sealed class FunctionRequestGate
{
    private readonly RequestDelegate _next;
    private readonly string[] _notFoundPaths;
    private readonly string[] _healthPaths;
    private readonly FunctionInvoker _invoker;
    private readonly Microsoft.Extensions.Logging.ILogger _logger;
    private readonly int _maxConcurrency;
    private int _inFlight;

    public FunctionRequestGate(FunctionApp app, FunctionWebServerOptions options, RequestDelegate next)
    {
        _next = next;
        _invoker = app.Freeze();
        _logger = app.Logger;
        _notFoundPaths = [.. options.NotFoundPaths];
        _healthPaths = [.. options.HealthPaths];
        _maxConcurrency = options.MaxConcurrentRequests ?? (int.TryParse(app.Configuration["PORTABLE_MAX_CONCURRENCY"], out var limit) && limit > 0 ? limit : 0);
    }

    /// <summary>Requests being served now, when the concurrency limit counts them (otherwise <see langword="null"/>: not counted, to keep the hot path free).</summary>
    public int? InFlight => _maxConcurrency > 0 ? Volatile.Read(ref _inFlight) : null;

    public Task HandleAsync(HttpContext http)
    {
        if (_notFoundPaths.Length > 0 || _healthPaths.Length > 0)
        {
            var path = http.Request.Path.Value is { Length: > 0 } p ? p : "/";
            if (IsNotFoundPath(path))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            if (Array.IndexOf(_healthPaths, path) >= 0)
            {
                http.Response.StatusCode = StatusCodes.Status200OK;
                return Task.CompletedTask;
            }
        }

        return _maxConcurrency > 0 ? LimitAsync(http) : _next(http);
    }

    private async Task LimitAsync(HttpContext http)
    {
        if (Interlocked.Increment(ref _inFlight) > _maxConcurrency)
        {
            Interlocked.Decrement(ref _inFlight);
            // The rejection is logged in the caller's trace, so the 429 line sits next to the caller's spans.
            var headers = http.Request.Headers;
            var caller = new InvocationOptions
            {
                TraceParent = headers.TraceParent is { Count: > 0 } traceParent ? traceParent.ToString() : null,
                TraceState = headers.TraceState is { Count: > 0 } traceState ? traceState.ToString() : null,
            };
            var busy = _invoker.RejectInvocation(
                new FunctionProblemException(429, "Too Many Requests", "The instance is at its concurrency limit; retry later.")
                {
                    Headers = [new("Retry-After", "1")],
                },
                caller);
            await http.WriteFunctionResponseAsync(busy, _logger).ConfigureAwait(false);
            return;
        }

        try
        {
            await _next(http).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private bool IsNotFoundPath(string path)
    {
        foreach (var blocked in _notFoundPaths)
        {
            if (path.StartsWith(blocked, StringComparison.OrdinalIgnoreCase)
                && (path.Length == blocked.Length || path[blocked.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }
}
