using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Hosting;

/// <summary>
/// The one invocation pipeline every adapter calls: routing, context (deadline token, trace, logger,
/// DI scope), middleware, the function, and error mapping — the same on every platform.
/// </summary>
/// <remarks>Thread-safe; one instance per app, returned by <c>app.Freeze()</c>.</remarks>
public sealed partial class FunctionInvoker
{
    /// <summary>The <see cref="ActivitySource"/> name for invocation spans.</summary>
    public const string ActivitySourceName = "Portable.Functions";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name of the FaaS metrics (<c>faas.invoke_duration</c>, <c>faas.coldstarts</c>, ...).</summary>
    public const string MeterName = "Portable.Functions";

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

        // The app validated the registrations (StartupValidator) before creating the invoker.
        foreach (var function in functions)
        {
            function.IsFrozen = true;
            _byName.TryAdd(function.Name, function);
            function.Logger = app.LoggerFactory.CreateLogger(InvocationLogFields.FunctionCategoryPrefix + function.Name);
            if (function.Kind == FunctionKind.Event)
            {
                if (function.IsEventFallback)
                {
                    _eventFallback ??= function;
                }
                else
                {
                    _eventTypes.TryAdd(function.EventType!, function);
                }
            }
        }

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

    /// <summary>
    /// Invokes an HTTP or typed function with a request: the one <see cref="InvocationOptions.Target"/>
    /// names (whatever the path: GCF's single-target mode, Lambda's <c>_HANDLER</c>), else the function
    /// whose route matches the method and path.
    /// </summary>
    /// <param name="request">The neutral request.</param>
    /// <param name="options">What the adapter knows about the invocation.</param>
    /// <returns>The response: the function's, or a problem response (404, 405, 400, 413, 415, 500, 504).</returns>
    /// <exception cref="ArgumentException">The target is an event function.</exception>
    public Task<FunctionResponse> InvokeHttpAsync(FunctionRequest request, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var function = options?.Target;
        if (function is null)
        {
            try
            {
                function = _routes.Match(request.Method, request.Path, out var values);
                request.RouteValues = values;
            }
            catch (FunctionProblemException problem)
            {
                return Task.FromResult(options is null ? Reject(problem) : RejectInvocation(problem, options));
            }
        }
        else if (function.Kind == FunctionKind.Event)
        {
            throw new ArgumentException($"Function '{function.Name}' is an event function.", nameof(options));
        }

        return InvokeHttpCoreAsync(function, request, options ?? s_defaultOptions);
    }

    private Task<FunctionResponse> InvokeHttpCoreAsync(FunctionDescriptor function, FunctionRequest request, InvocationOptions options)
    {
        var ambient = Activity.Current;
        var context = CreateContext(function, options, FunctionTrigger.Http, request, null, options.Message, options.DeliveryAttempt);
        var run = StartPipeline(context);
        if (!run.IsCompletedSuccessfully || context.HasScope)
        {
            var finishing = FinishHttpAsync(context, run, options);
            RestoreAmbient(ambient);
            return finishing;
        }

        // The function answered synchronously and made no scope to dispose (a plain GET handler): the
        // same steps as FinishHttpAsync's success path, without its two async state machines.
        var status = 500;
        try
        {
            var response = context.Response ?? new FunctionResponse(204);
            ResponseNormalizer.Normalize(response);
            status = response.StatusCode;
            return context.HandlerTask is { } answered && ReferenceEquals(answered.Result, response) ? answered : Task.FromResult(response);
        }
        finally
        {
            Complete(context, status, null, options);
            RestoreAmbient(ambient);
        }
    }

    private async Task<FunctionResponse> FinishHttpAsync(FunctionContext context, Task run, InvocationOptions options)
    {
        InvocationError? error = null;
        var status = 500;
        try
        {
            var failure = await FinishAsync(context, run).ConfigureAwait(false);
            if (failure is not null)
            {
                error = _errors.Map(failure, context, TimedOut(context, options), IsAborted(options));
                var problem = _errors.ToResponse(error, failure, context.InvocationId, TraceId(context));
                status = problem.StatusCode;
                return problem;
            }

            var response = context.Response ?? new FunctionResponse(204);
            ResponseNormalizer.Normalize(response);
            status = response.StatusCode;
            return response;
        }
        finally
        {
            Complete(context, status, error, options);
        }
    }

    /// <summary>
    /// Invokes an event function with a CloudEvent: the one <see cref="InvocationOptions.Target"/> names
    /// (whatever the event's type), else the function registered for its type, else the fallback.
    /// </summary>
    /// <param name="cloudEvent">The event.</param>
    /// <param name="options">What the adapter knows about the invocation.</param>
    /// <returns>
    /// Success (with optional reply), retry or drop. An unknown type (404) follows
    /// <see cref="FunctionOptions.UndeliverableEvents"/>: by default <see cref="EventOutcome.Retry"/>. Data
    /// that does not deserialize (400), non-JSON data (415) and other 4xx follow the same policy; a
    /// <see cref="DropEventException"/> is <see cref="EventOutcome.Drop"/>.
    /// </returns>
    /// <exception cref="ArgumentException">The target is not an event function.</exception>
    public Task<EventInvocationResult> InvokeEventAsync(CloudEvent cloudEvent, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        options ??= s_defaultOptions;
        return InvokeEventCoreAsync(cloudEvent, options, options.Message, options.DeliveryAttempt).AsTask();
    }

    /// <summary>
    /// <see cref="InvokeEventAsync"/> for one message of a batch: <paramref name="message"/> and
    /// <paramref name="deliveryAttempt"/> stand for the options' own, so no copy of the options is made per
    /// message, and a synchronously finished invocation returns without allocating a task.
    /// </summary>
    private ValueTask<EventInvocationResult> InvokeEventCoreAsync(CloudEvent cloudEvent, InvocationOptions options, InvocationMessage? message, int? deliveryAttempt)
    {
        var function = options.Target;
        if (function is not null)
        {
            if (function.Kind != FunctionKind.Event)
            {
                throw new ArgumentException($"Function '{function.Name}' is not an event function.", nameof(options));
            }
        }
        else if (!_eventTypes.TryGetValue(cloudEvent.Type, out function) && (function = _eventFallback) is null)
        {
            var problem = new FunctionProblemException(404, "Not Found", $"No function handles CloudEvent type '{UntrustedText.Shorten(cloudEvent.Type)}'.");
            using (InvocationLogFields.ForRejection(options.InvocationId ?? Guid.NewGuid().ToString("N"), cloudEvent.Id, IncomingTrace(options)))
            {
                return ValueTask.FromResult(Undeliverable(_app.Logger, cloudEvent, ErrorMapper.FromProblem(problem)));
            }
        }

        return InvokeEventFunctionAsync(function, cloudEvent, options, message, deliveryAttempt);
    }

    /// <summary>
    /// Runs the event function: settled on the spot when the pipeline finished synchronously (no task, no
    /// state machine), else by <see cref="SettleEventAsync"/> once it has, a task the public caller gets as is.
    /// </summary>
    private ValueTask<EventInvocationResult> InvokeEventFunctionAsync(FunctionDescriptor function, CloudEvent cloudEvent, InvocationOptions options, InvocationMessage? message, int? deliveryAttempt)
    {
        var ambient = Activity.Current;
        var context = CreateContext(function, options, FunctionTrigger.Other, null, cloudEvent, message, deliveryAttempt);
        var run = RunAsync(context);
        var result = run.IsCompletedSuccessfully
            ? new ValueTask<EventInvocationResult>(SettleEvent(context, cloudEvent, run.Result, options))
            : new ValueTask<EventInvocationResult>(SettleEventAsync(context, cloudEvent, run, options));
        RestoreAmbient(ambient);
        return result;
    }

    /// <summary>
    /// Gives the caller back its <see cref="Activity.Current"/>: starting the invocation's span (and setting
    /// aside an unrecorded ambient one, see <see cref="InvocationTelemetry.Start"/>) changed it on this flow,
    /// which an async method would have undone on returning; these entry points (HTTP, event, JSON) are not async methods.
    /// </summary>
    private static void RestoreAmbient(Activity? ambient)
    {
        if (!ReferenceEquals(Activity.Current, ambient))
        {
            Activity.Current = ambient;
        }
    }

    private async Task<EventInvocationResult> SettleEventAsync(FunctionContext context, CloudEvent cloudEvent, Task<Exception?> run, InvocationOptions options)
    {
        Exception? failure;
        try
        {
            failure = await run.ConfigureAwait(false);
        }
        catch
        {
            // Only disposing the invocation's scope can throw here: the invocation still ends (span, metrics, token).
            Complete(context, 0, null, options);
            throw;
        }

        return SettleEvent(context, cloudEvent, failure, options);
    }

    /// <summary>The outcome of an event invocation whose pipeline has finished, and the end of the invocation.</summary>
    private EventInvocationResult SettleEvent(FunctionContext context, CloudEvent cloudEvent, Exception? failure, InvocationOptions options)
    {
        InvocationError? error = null;
        try
        {
            if (failure is null)
            {
                return new EventInvocationResult(EventOutcome.Success, context.ReplyEvent, null);
            }

            if (failure is FunctionProblemException problem && ErrorMapper.FromProblem(problem) is { IsRetryable: false } rejected)
            {
                // Data that does not deserialize, non-JSON data, or a 4xx from the handler: the event can
                // never succeed as it is, but acknowledging it would lose it.
                error = rejected;
                using (InvocationLogFields.For(context))
                {
                    return Undeliverable(context.Logger, cloudEvent, rejected);
                }
            }

            error = _errors.Map(failure, context, TimedOut(context, options), IsAborted(options));
            return new EventInvocationResult(error.IsRetryable ? EventOutcome.Retry : EventOutcome.Drop, null, error);
        }
        finally
        {
            Complete(context, 0, error, options);
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
    public Task<JsonInvocationResult> InvokeJsonAsync(FunctionDescriptor function, ReadOnlyMemory<byte> json, InvocationOptions? options = null)
    {
        // Argument faults come back as a faulted task, as they always have.
        if (function is null)
        {
            return Task.FromException<JsonInvocationResult>(new ArgumentNullException(nameof(function)));
        }

        if (function.Kind != FunctionKind.Typed)
        {
            return Task.FromException<JsonInvocationResult>(new ArgumentException($"Function '{function.Name}' is not a typed function.", nameof(function)));
        }

        options ??= s_defaultOptions;
        return InvokeJsonCoreAsync(function, json, options, options.Message, options.DeliveryAttempt).AsTask();
    }

    /// <summary>
    /// <see cref="InvokeJsonAsync"/> with the message facts given apart from the options (one message of a
    /// batch); settled on the spot when the pipeline finished synchronously.
    /// </summary>
    private ValueTask<JsonInvocationResult> InvokeJsonCoreAsync(FunctionDescriptor function, ReadOnlyMemory<byte> json, InvocationOptions options, InvocationMessage? message, int? deliveryAttempt)
    {
        var ambient = Activity.Current;
        var context = CreateContext(function, options, FunctionTrigger.Other, null, null, message, deliveryAttempt);
        context.JsonInput = json;
        var run = RunAsync(context);
        var result = run.IsCompletedSuccessfully
            ? new ValueTask<JsonInvocationResult>(SettleJson(context, run.Result, options))
            : new ValueTask<JsonInvocationResult>(SettleJsonAsync(context, run, options));
        RestoreAmbient(ambient);
        return result;
    }

    private async Task<JsonInvocationResult> SettleJsonAsync(FunctionContext context, Task<Exception?> run, InvocationOptions options)
    {
        Exception? failure;
        try
        {
            failure = await run.ConfigureAwait(false);
        }
        catch
        {
            Complete(context, 0, null, options);
            throw;
        }

        return SettleJson(context, failure, options);
    }

    private JsonInvocationResult SettleJson(FunctionContext context, Exception? failure, InvocationOptions options)
    {
        InvocationError? error = null;
        try
        {
            if (failure is null)
            {
                return new JsonInvocationResult(context.JsonOutput, null);
            }

            error = _errors.Map(failure, context, TimedOut(context, options), IsAborted(options));
            return new JsonInvocationResult(default, error);
        }
        finally
        {
            Complete(context, 0, error, options);
        }
    }

    /// <summary>
    /// Turns a client fault found by an adapter before any function ran (malformed CloudEvent, body too
    /// large, ...) into a problem response, logging it once.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="invocationId">The platform's request id, if any; one is generated otherwise.</param>
    /// <returns>An <c>application/problem+json</c> response whose <c>invocationId</c> is the one in the log line.</returns>
    public FunctionResponse Reject(FunctionProblemException problem, string? invocationId = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        invocationId = _errors.LogRejected(problem, invocationId);
        return _errors.ToResponse(ErrorMapper.FromProblem(problem), problem, invocationId, null);
    }

    /// <summary>
    /// Turns a client fault found by an adapter before any function ran into a problem response, logging
    /// it once with the invocation id and the trace the platform sent (<see cref="InvocationOptions.TraceParent"/>),
    /// so the "rejected" line sits in the caller's trace.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">What the adapter knows about the request; its invocation id is generated when absent.</param>
    /// <returns>An <c>application/problem+json</c> response whose <c>invocationId</c> is the one in the log line.</returns>
    public FunctionResponse RejectInvocation(FunctionProblemException problem, InvocationOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var trace = IncomingTrace(options);
        var invocationId = _errors.LogRejected(problem, options.InvocationId, null, trace);
        return _errors.ToResponse(ErrorMapper.FromProblem(problem), problem, invocationId, null);
    }

    private static ActivityContext IncomingTrace(InvocationOptions? options) =>
        options?.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, options.TraceState, isRemote: true, out var trace) ? trace : default;

    /// <summary>Builds the problem response for an error (adapters answering with HTTP).</summary>
    /// <param name="error">The error.</param>
    /// <param name="invocationId">The invocation id.</param>
    /// <returns>An <c>application/problem+json</c> response.</returns>
    public FunctionResponse ToProblemResponse(InvocationError error, string? invocationId = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return _errors.ToResponse(error, null, invocationId, null);
    }

    /// <summary>Settles an event no function can take by the policy; the caller scopes the log fields (function, ids).</summary>
    private EventInvocationResult Undeliverable(ILogger logger, CloudEvent cloudEvent, InvocationError error)
    {
        var drop = _app.Options.UndeliverableEvents == UndeliverableEventPolicy.Drop;
        UndeliverableEventLog.Write(logger, cloudEvent, error, drop);
        return drop
            ? new EventInvocationResult(EventOutcome.Drop, null, error, acknowledged: true)
            : new EventInvocationResult(EventOutcome.Retry, null, error);
    }

    /// <summary>
    /// Pushes buffered telemetry out before the platform freezes the process: AWS Lambda suspends the
    /// execution environment once the invocation's response is posted, so its adapter calls this after
    /// the invocation and before posting. Calls every <see cref="IFlushBeforeFreeze"/> service, each
    /// bounded by what is left before <paramref name="deadline"/> (at most two seconds); a flush that
    /// throws is ignored. Does nothing when none is registered.
    /// </summary>
    /// <param name="deadline">The invocation's deadline; <see langword="null"/>: the two-second cap.</param>
    public void FlushBeforeFreeze(DateTimeOffset? deadline)
    {
        var hooks = _app.FlushHooks;
        if (hooks.Length == 0)
        {
            return;
        }

        // Leave a little of the invocation's time for posting the response itself.
        var left = deadline is { } end ? end - DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(100) : s_maxFlush;
        var timeout = left <= TimeSpan.Zero ? TimeSpan.Zero : left < s_maxFlush ? left : s_maxFlush;
        foreach (var hook in hooks)
        {
            try
            {
                hook.Flush(timeout);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Telemetry must never fail the invocation whose result is about to be posted.
            }
        }
    }

    private static readonly TimeSpan s_maxFlush = TimeSpan.FromSeconds(2);

    private void Complete(FunctionContext context, int status, InvocationError? error, InvocationOptions options)
    {
        var (trigger, coldStart, started) = context.Telemetry;
        InvocationTelemetry.Complete(context, trigger, coldStart, started, status, error, error is not null && TimedOut(context, options));
        context.DisposeCancellation();
    }

    // message and deliveryAttempt: the options' own, or one batch message's (no options copy per message).
    private FunctionContext CreateContext(FunctionDescriptor function, InvocationOptions options, FunctionTrigger implied, FunctionRequest? request, CloudEvent? cloudEvent, InvocationMessage? message, int? deliveryAttempt)
    {
        // Without a listener the incoming trace context is only read when a log line or an error needs
        // it: the context parses it then (FunctionContext.TraceContext).
        ActivityContext parent = default;
        if (options.TraceParent is { } traceParent && InvocationTelemetry.HasListeners)
        {
            _ = ActivityContext.TryParse(traceParent, options.TraceState, isRemote: true, out parent);
        }

        // The start time is only read for the duration metric: no clock read when nobody measures.
        var started = InvocationTelemetry.MeasuresDuration ? Stopwatch.GetTimestamp() : 0;
        var trigger = InvocationTelemetry.Resolve(options.Trigger, message, implied);
        var activity = InvocationTelemetry.Start(function, message, trigger, parent, out var coldStart);
        var context = new FunctionContext(function, options, message, deliveryAttempt, _app, function.Logger!, options.Deadline, _app.Options.Timeout, _app.Options.DeadlineGracePeriod, activity)
        {
            Request = request,
            Event = cloudEvent,
            Telemetry = (trigger, coldStart, started),
        };
        InvocationTelemetry.Describe(context, trigger, coldStart);
        return context;
    }

    /// <summary>
    /// Runs the pipeline up to its first incomplete await with <see cref="FunctionContext.Current"/> set
    /// (its continuations keep it: they run in the execution context captured here); a synchronous throw
    /// becomes a faulted task, as <see cref="RunAsync"/> would have caught it.
    /// </summary>
    private Task StartPipeline(FunctionContext context)
    {
        // The caller's execution context is put back afterwards, as an async method does on returning:
        // one reference swap instead of a second async-local write. Captured as null only when the caller
        // suppressed flow; the value is then set back instead.
        var caller = ExecutionContext.Capture();
        var previous = caller is null ? FunctionContext.Current : null;
        FunctionContext.Current = context;
        try
        {
            return _pipeline(context);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
        finally
        {
            if (caller is not null)
            {
                ExecutionContext.Restore(caller);
            }
            else
            {
                FunctionContext.Current = previous;
            }
        }
    }

    /// <summary>Waits for a pipeline <see cref="StartPipeline"/> began, then disposes the scope; returns its failure, if any.</summary>
    private static async Task<Exception?> FinishAsync(FunctionContext context, Task run)
    {
        try
        {
            await run.ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
        finally
        {
            await context.DisposeScopeAsync().ConfigureAwait(false);
        }
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
            await context.DisposeScopeAsync().ConfigureAwait(false);
        }
    }

    private static bool TimedOut(FunctionContext context, InvocationOptions options) => context.DeadlineReached && !IsAborted(options);

    private static bool IsAborted(InvocationOptions options) =>
        options.Aborted.IsCancellationRequested || options.HostShutdown.IsCancellationRequested;

    private static string? TraceId(FunctionContext context) =>
        context.TraceContext.TraceId == default ? null : context.TraceContext.TraceId.ToHexString();
}
