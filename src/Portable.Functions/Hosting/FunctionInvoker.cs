using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Portable.Functions;

/// <summary>
/// The one invocation pipeline every adapter calls: routing, context (deadline token, trace, logger,
/// DI scope), middleware, the function, and error mapping — the same on every platform.
/// </summary>
/// <remarks>Thread-safe; one instance per app, obtained from <see cref="FunctionApp.Invoker"/>.</remarks>
public sealed class FunctionInvoker
{
    /// <summary>The <see cref="ActivitySource"/> name for invocation spans.</summary>
    public const string ActivitySourceName = "Portable.Functions";

    private static readonly ActivitySource s_activitySource = new(ActivitySourceName);
    private static readonly InvocationOptions s_defaultOptions = new();

    private readonly FunctionApp _app;
    private readonly Func<FunctionContext, Task> _pipeline;
    private readonly HttpRouteTable _routes;
    private readonly Dictionary<string, FunctionDescriptor> _eventTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionDescriptor> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly FunctionDescriptor? _eventFallback;
    private readonly ErrorMapper _errors;

    internal FunctionInvoker(FunctionApp app, IReadOnlyList<FunctionDescriptor> functions, IReadOnlyList<Func<FunctionContext, Func<Task>, Task>> middleware)
    {
        _app = app;
        _errors = new ErrorMapper(app.Options, app.Logger);
        foreach (var function in functions)
        {
            function.IsFrozen = true;
            if (!_byName.TryAdd(function.Name, function))
            {
                throw new InvalidOperationException($"Two functions are named '{function.Name}'; use WithName to tell them apart.");
            }

            function.Logger = app.LoggerFactory.CreateLogger("Function." + function.Name);
            if (function.Kind == FunctionKind.Event)
            {
                if (function.IsEventFallback)
                {
                    _eventFallback = _eventFallback is null ? function : throw new InvalidOperationException("Only one event fallback function may be registered.");
                }
                else if (!_eventTypes.TryAdd(function.EventType!, function))
                {
                    throw new InvalidOperationException($"Two functions handle CloudEvent type '{function.EventType}'.");
                }
            }
        }

        ThrowOnDuplicateRoutes(functions);
        _routes = new HttpRouteTable(functions);
        Func<FunctionContext, Task> pipeline = static context => context.Function.Execute(context);
        for (var i = middleware.Count - 1; i >= 0; i--)
        {
            var current = middleware[i];
            var next = pipeline;
            pipeline = context => current(context, () => next(context));
        }

        _pipeline = pipeline;
    }

    /// <summary>True when some HTTP function's route matches <paramref name="path"/> (any method).</summary>
    /// <param name="path">Request path.</param>
    /// <returns>Whether an HTTP route exists for the path.</returns>
    public bool HasHttpRoute(string path) => _routes.MatchesPath(path);

    /// <summary>True when at least one event function (or the fallback) is registered.</summary>
    public bool HasEventFunctions => _eventTypes.Count > 0 || _eventFallback is not null;

    /// <summary>Finds a function by name, ignoring case.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The function, or <see langword="null"/>.</returns>
    public FunctionDescriptor? FindByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Routes an HTTP request by method and path and invokes the function.</summary>
    /// <param name="request">The neutral request.</param>
    /// <param name="options">What the adapter knows about the invocation.</param>
    /// <returns>The response: the function's, or a problem response (404, 405, 400, 413, 415, 500, 504).</returns>
    public Task<FunctionResponse> InvokeHttpAsync(FunctionRequest request, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionDescriptor function;
        try
        {
            function = _routes.Match(request.Method, request.Path, out var values);
            request.RouteValues = values;
        }
        catch (FunctionProblemException problem)
        {
            return Task.FromResult(Reject(problem, options?.InvocationId));
        }

        return InvokeHttpAsync(function, request, options);
    }

    /// <summary>Invokes a given HTTP or typed function with a request, whatever its path (GCF's single-target mode).</summary>
    /// <param name="function">An HTTP or typed function of this app.</param>
    /// <param name="request">The request.</param>
    /// <param name="options">What the adapter knows about the invocation.</param>
    /// <returns>The response.</returns>
    public async Task<FunctionResponse> InvokeHttpAsync(FunctionDescriptor function, FunctionRequest request, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(request);
        if (function.Kind == FunctionKind.Event)
        {
            throw new ArgumentException($"Function '{function.Name}' is an event function.", nameof(function));
        }

        options ??= s_defaultOptions;
        var context = CreateContext(function, options);
        context.Request = request;
        try
        {
            var failure = await RunAsync(context).ConfigureAwait(false);
            if (failure is not null)
            {
                var error = _errors.Map(failure, context, context.DeadlineReached && !IsAborted(options), IsAborted(options));
                return _errors.ToResponse(error, failure, context.InvocationId, TraceId(context));
            }

            var response = context.Response ?? new FunctionResponse(204);
            ResponseNormalizer.Normalize(response);
            return response;
        }
        finally
        {
            context.DisposeCancellation();
        }
    }

    /// <summary>Routes a CloudEvent by type (or to the fallback) and invokes the function.</summary>
    /// <param name="cloudEvent">The event.</param>
    /// <param name="options">What the adapter knows about the invocation.</param>
    /// <returns>
    /// Success (with optional reply), retry or drop. An unknown type (404) follows
    /// <see cref="FunctionOptions.UndeliverableEvents"/>: by default <see cref="EventOutcome.Retry"/>.
    /// </returns>
    public Task<EventInvocationResult> InvokeEventAsync(CloudEvent cloudEvent, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (!_eventTypes.TryGetValue(cloudEvent.Type, out var function) && (function = _eventFallback) is null)
        {
            var problem = new FunctionProblemException(404, "Not Found", $"No function handles CloudEvent type '{CloudEventJson.Truncate(cloudEvent.Type)}'.");
            return Task.FromResult(Undeliverable(_app.Logger, "-", options?.InvocationId, cloudEvent, ErrorMapper.FromProblem(problem)));
        }

        return InvokeEventAsync(function, cloudEvent, options);
    }

    /// <summary>Invokes a given event function with an event, whatever its type (GCF's single-target mode).</summary>
    /// <param name="function">An event function of this app.</param>
    /// <param name="cloudEvent">The event.</param>
    /// <param name="options">What the adapter knows about the invocation.</param>
    /// <returns>
    /// Success (with optional reply), retry or drop. Data that does not deserialize (400), non-JSON data
    /// (415) and other 4xx follow <see cref="FunctionOptions.UndeliverableEvents"/>: by default
    /// <see cref="EventOutcome.Retry"/>; a <see cref="DropEventException"/> is <see cref="EventOutcome.Drop"/>.
    /// </returns>
    public async Task<EventInvocationResult> InvokeEventAsync(FunctionDescriptor function, CloudEvent cloudEvent, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (function.Kind != FunctionKind.Event)
        {
            throw new ArgumentException($"Function '{function.Name}' is not an event function.", nameof(function));
        }

        options ??= s_defaultOptions;
        var context = CreateContext(function, options);
        context.Event = cloudEvent;
        try
        {
            var failure = await RunAsync(context).ConfigureAwait(false);
            if (failure is null)
            {
                return new EventInvocationResult(EventOutcome.Success, context.ReplyEvent, null);
            }

            if (failure is FunctionProblemException problem && ErrorMapper.FromProblem(problem) is { IsRetryable: false } rejected)
            {
                // Data that does not deserialize, non-JSON data, or a 4xx from the handler: the event can
                // never succeed as it is, but acknowledging it would lose it (issue 17).
                return Undeliverable(context.Logger, function.Name, context.InvocationId, cloudEvent, rejected);
            }

            var error = _errors.Map(failure, context, context.DeadlineReached && !IsAborted(options), IsAborted(options));
            return new EventInvocationResult(error.IsRetryable ? EventOutcome.Retry : EventOutcome.Drop, null, error);
        }
        finally
        {
            context.DisposeCancellation();
        }
    }

    /// <summary>
    /// Settles a failed invocation of a message-fed function that the adapter ran through
    /// <see cref="InvokeJsonAsync"/> (a typed function on a queue): retryable errors retry, a
    /// <see cref="DropEventException"/> drops, and any other error (input that does not deserialize, a
    /// 4xx) follows <see cref="FunctionOptions.UndeliverableEvents"/>.
    /// </summary>
    /// <param name="error">The invocation's error.</param>
    /// <returns><see cref="EventOutcome.Retry"/> when the platform must not acknowledge the message, else <see cref="EventOutcome.Drop"/>.</returns>
    public EventOutcome SettleFailedMessage(InvocationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.IsRetryable)
        {
            return EventOutcome.Retry;
        }

        return error.ErrorType == nameof(DropEventException) || _app.Options.UndeliverableEvents == UndeliverableEventPolicy.Drop
            ? EventOutcome.Drop
            : EventOutcome.Retry;
    }

    /// <summary>Invokes a typed function directly with a JSON payload (Lambda Invoke, queue messages).</summary>
    /// <param name="function">A typed function of this app.</param>
    /// <param name="json">UTF-8 JSON input.</param>
    /// <param name="options">What the adapter knows about the invocation.</param>
    /// <returns>The JSON output, or the error (400 for input that does not deserialize).</returns>
    public async Task<JsonInvocationResult> InvokeJsonAsync(FunctionDescriptor function, ReadOnlyMemory<byte> json, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.Kind != FunctionKind.Typed)
        {
            throw new ArgumentException($"Function '{function.Name}' is not a typed function.", nameof(function));
        }

        options ??= s_defaultOptions;
        var context = CreateContext(function, options);
        context.JsonInput = json;
        try
        {
            var failure = await RunAsync(context).ConfigureAwait(false);
            if (failure is null)
            {
                return new JsonInvocationResult(context.JsonOutput, null);
            }

            return new JsonInvocationResult(default, _errors.Map(failure, context, context.DeadlineReached && !IsAborted(options), IsAborted(options)));
        }
        finally
        {
            context.DisposeCancellation();
        }
    }

    /// <summary>
    /// Turns a client fault found by an adapter before any function ran (malformed CloudEvent, body too
    /// large, ...) into a problem response, logging it once.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="invocationId">The platform's request id, if any.</param>
    /// <returns>An <c>application/problem+json</c> response.</returns>
    public FunctionResponse Reject(FunctionProblemException problem, string? invocationId = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _errors.LogRejected(problem, invocationId);
        return _errors.ToResponse(ErrorMapper.FromProblem(problem), problem, invocationId, null);
    }

    /// <summary>Builds the problem response for an error (adapters answering with HTTP).</summary>
    /// <param name="error">The error.</param>
    /// <param name="invocationId">The invocation id.</param>
    /// <returns>An <c>application/problem+json</c> response.</returns>
    public FunctionResponse ToProblemResponse(InvocationError error, string? invocationId = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return _errors.ToResponse(error, null, invocationId, null);
    }

    private EventInvocationResult Undeliverable(ILogger logger, string function, string? invocationId, CloudEvent cloudEvent, InvocationError error)
    {
        var drop = _app.Options.UndeliverableEvents == UndeliverableEventPolicy.Drop;
        UndeliverableEventLog.Write(logger, function, invocationId, cloudEvent, error, drop);
        return drop
            ? new EventInvocationResult(EventOutcome.Drop, null, error, acknowledged: true)
            : new EventInvocationResult(EventOutcome.Retry, null, error);
    }

    private FunctionContext CreateContext(FunctionDescriptor function, InvocationOptions options)
    {
        var deadline = options.Deadline ?? DateTimeOffset.UtcNow + _app.Options.Timeout;

        ActivityContext parent = default;
        if (options.TraceParent is { } traceParent)
        {
            _ = ActivityContext.TryParse(traceParent, options.TraceState, isRemote: true, out parent);
        }

        var activity = s_activitySource.HasListeners() ? s_activitySource.StartActivity(function.Name, ActivityKind.Server, parent) : null;
        return new FunctionContext(function, options, _app, function.Logger!, deadline, deadline - _app.Options.DeadlineGracePeriod, activity?.Context ?? parent, activity);
    }

    private async Task<Exception?> RunAsync(FunctionContext context)
    {
        var previous = FunctionContext.Current;
        FunctionContext.Current = context;
        try
        {
            await _pipeline(context).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
        finally
        {
            FunctionContext.Current = previous;
            context.Activity?.Stop();
            await context.DisposeScopeAsync().ConfigureAwait(false);
        }
    }

    private static bool IsAborted(InvocationOptions options) =>
        options.Aborted.IsCancellationRequested || options.HostShutdown.IsCancellationRequested;

    private static string? TraceId(FunctionContext context) =>
        context.TraceContext.TraceId == default ? null : context.TraceContext.TraceId.ToHexString();

    private static void ThrowOnDuplicateRoutes(IReadOnlyList<FunctionDescriptor> functions)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions.Where(f => f.Route is not null))
        {
            var methods = function.Methods.Count == 0 ? ["*"] : function.Methods;
            foreach (var method in methods)
            {
                if (!seen.Add(method + " " + function.Route))
                {
                    throw new InvalidOperationException($"Two functions are mapped to {method} {function.Route}.");
                }
            }
        }
    }
}
