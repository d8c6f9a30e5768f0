using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions;

/// <summary>
/// Everything about one invocation, identical on every platform: ids, deadline, the single
/// cancellation token, trace context, logger, per-invocation services and the native object.
/// </summary>
public sealed class FunctionContext
{
    private static readonly AsyncLocal<FunctionContext?> s_current = new();

    private readonly FunctionApp? _app;
    private readonly IServiceProvider? _rootServices;
    private readonly InvocationOptions _options;

    // The options object may be shared by several invocations (a batch); the token is per invocation.
    // The lock is made by the first reader of the token (most invocations have none).
    private Lock? _gate;

    // The deadline is either the platform's (absolute) or the app's timeout from the invocation's start
    // (relative). A relative one is measured on the coarse monotonic clock (Environment.TickCount64,
    // millisecond-grained) and turned into a wall-clock time on first read, then kept: the precise wall
    // clock costs a system-clock read per invocation, and most invocations never look at the deadline.
    private readonly bool _relative;
    private readonly DateTimeOffset _givenDeadline;
    private readonly DateTimeOffset _fireAt;
    private readonly long _startTicks;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _untilFire;
    private long _deadlineTicks;
    private CancellationTokenSource? _cancellation;
    private CancellationToken _token;
    private int _completed;
    private AsyncServiceScope? _scope;
    private InvocationServices? _services;
    private Dictionary<object, object?>? _items;
    private string? _invocationId;

    internal FunctionContext(
        FunctionDescriptor function,
        InvocationOptions options,
        InvocationMessage? message,
        int? deliveryAttempt,
        FunctionApp? app,
        ILogger logger,
        DateTimeOffset? deadline,
        TimeSpan timeout,
        TimeSpan gracePeriod,
        Activity? activity)
    {
        Function = function;
        _app = app;
        Logger = logger;
        if (deadline is { } given)
        {
            _givenDeadline = given;
            _fireAt = given - gracePeriod;
        }
        else
        {
            _relative = true;
            _startTicks = Environment.TickCount64;
            _timeout = timeout;
            _untilFire = timeout - gracePeriod;
        }

        _options = options;
        Activity = activity;
        _invocationId = options.InvocationId;
        Message = message;
        DeliveryAttempt = deliveryAttempt;
    }

    /// <summary>
    /// Creates a context for unit-testing a function class on its own, outside an app and a host: pass it
    /// to <c>HandleAsync</c> of an <see cref="IHttpFunction"/>, <see cref="IFunction{TIn, TOut}"/> or
    /// <see cref="IEventFunction{TData}"/>. The pipeline creates the contexts of real invocations.
    /// </summary>
    /// <param name="services">Root services; the context's <see cref="Services"/> is a scope of them, made on first use. <see langword="null"/>: no services.</param>
    /// <param name="functionName">The function name the handler sees.</param>
    /// <param name="deadline">The deadline; <see langword="null"/>: five minutes from now. The token fires at the deadline itself (no grace period).</param>
    /// <param name="cancellationToken">Also fires <see cref="CancellationToken"/> (a client disconnect, in a real invocation).</param>
    /// <param name="logger">The function's logger; <see langword="null"/>: a logger that writes nothing.</param>
    /// <param name="invocationId">The invocation id; <see langword="null"/>: a new one on first read.</param>
    public FunctionContext(
        IServiceProvider? services = null,
        string functionName = "test",
        DateTimeOffset? deadline = null,
        CancellationToken cancellationToken = default,
        ILogger? logger = null,
        string? invocationId = null)
        : this(
            new FunctionDescriptor(functionName, FunctionKind.Http, static _ => Task.CompletedTask),
            new InvocationOptions { Aborted = cancellationToken, InvocationId = invocationId },
            null,
            null,
            null,
            logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            deadline ?? DateTimeOffset.UtcNow.AddMinutes(5),
            TimeSpan.Zero,
            TimeSpan.Zero,
            null)
    {
        _rootServices = services ?? EmptyServices.Instance;
    }

    /// <summary>The context of the invocation running on this async flow, or <see langword="null"/>.</summary>
    /// <remarks>Platform log formatters use it to stamp request/trace ids on every line.</remarks>
    public static FunctionContext? Current
    {
        get => s_current.Value;
        internal set => s_current.Value = value;
    }

    /// <summary>Invocation id (Lambda request id, Azure invocation id, Knative: a new GUID).</summary>
    /// <remarks>
    /// A generated id is made on first read: <see cref="Guid.NewGuid"/> costs a random-number system
    /// call, and most successful invocations never log or read it. Once read it never changes.
    /// </remarks>
    public string InvocationId
    {
        get
        {
            var id = _invocationId;
            if (id is null)
            {
                // Two first readers race at most once; the first stored id wins for both.
                var generated = Guid.NewGuid().ToString("N");
                id = Interlocked.CompareExchange(ref _invocationId, generated, null) ?? generated;
            }

            return id;
        }
    }

    /// <summary>The function being invoked.</summary>
    public FunctionDescriptor Function { get; }

    /// <summary>The function's name.</summary>
    public string FunctionName => Function.Name;

    /// <summary>What the adapter said about the invocation.</summary>
    internal InvocationOptions Options => _options;

    /// <summary>
    /// The queue or stream message the invocation processes: the options' own, or (one message of a
    /// batch) the message's, so a batch needs no copy of the options per message.
    /// </summary>
    internal InvocationMessage? Message { get; }

    /// <summary>The invocation's trigger, whether it is the process's cold start and its start timestamp (telemetry).</summary>
    internal (FunctionTrigger Trigger, bool ColdStart, long Started) Telemetry { get; set; }

    /// <summary>The platform and its metadata (e.g. <c>K_SERVICE</c>).</summary>
    public PlatformInfo Platform => _options.Platform ?? PlatformInfo.Local;

    /// <summary>When the platform will give up on this invocation.</summary>
    /// <remarks>
    /// The platform's deadline when it gives one; else the app's timeout from the invocation's start,
    /// to the millisecond, fixed on first read.
    /// </remarks>
    public DateTimeOffset Deadline
    {
        get
        {
            if (!_relative)
            {
                return _givenDeadline;
            }

            var ticks = Volatile.Read(ref _deadlineTicks);
            if (ticks == 0)
            {
                // Two first readers race at most once; the first stored value wins for both.
                var computed = (DateTimeOffset.UtcNow - Elapsed + _timeout).UtcTicks;
                var stored = Interlocked.CompareExchange(ref _deadlineTicks, computed, 0);
                ticks = stored != 0 ? stored : computed;
            }

            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Time left until <see cref="Deadline"/> (never negative).</summary>
    public TimeSpan RemainingTime
    {
        get
        {
            var left = Deadline - DateTimeOffset.UtcNow;
            return left < TimeSpan.Zero ? TimeSpan.Zero : left;
        }
    }

    /// <summary>
    /// The one token: fires at the deadline minus the grace period, when the client disconnects, and when
    /// the host's drain budget runs out during shutdown. Pass it to everything the handler awaits.
    /// </summary>
    /// <remarks>
    /// Made on first read: the linked source and its deadline timer cost more than anything else the
    /// pipeline does for a small request, and most handlers never ask. After the invocation ends the
    /// token never fires again.
    /// </remarks>
    public CancellationToken CancellationToken
    {
        get
        {
            lock (Gate)
            {
                if (_cancellation is null && _completed == 0)
                {
                    var cancellation = (_options.Aborted.CanBeCanceled, _options.HostShutdown.CanBeCanceled) switch
                    {
                        (true, true) => CancellationTokenSource.CreateLinkedTokenSource(_options.Aborted, _options.HostShutdown),
                        (true, false) => CancellationTokenSource.CreateLinkedTokenSource(_options.Aborted),
                        (false, true) => CancellationTokenSource.CreateLinkedTokenSource(_options.HostShutdown),
                        _ => new CancellationTokenSource(),
                    };
                    var fireIn = UntilFire;
                    if (fireIn > TimeSpan.Zero)
                    {
                        cancellation.CancelAfter(fireIn);
                    }
                    else
                    {
                        // Past the firing time already: cancelled now, not on a timer thread a moment later.
                        cancellation.Cancel();
                    }

                    _token = cancellation.Token;
                    _cancellation = cancellation;
                }

                return _token;
            }
        }
    }

    /// <summary>Whether the token fired, or (when nobody asked for it) its firing time has passed.</summary>
    internal bool DeadlineReached
    {
        get
        {
            if (Volatile.Read(ref _gate) is null)
            {
                return UntilFire <= TimeSpan.Zero;
            }

            lock (Gate)
            {
                return _cancellation is not null ? _token.IsCancellationRequested : UntilFire <= TimeSpan.Zero;
            }
        }
    }

    /// <summary>Time since a relative deadline's invocation started.</summary>
    private TimeSpan Elapsed => TimeSpan.FromMilliseconds(Environment.TickCount64 - _startTicks);

    /// <summary>Time until the token's firing time (the deadline minus the grace period); negative once past.</summary>
    private TimeSpan UntilFire => _relative ? _untilFire - Elapsed : _fireAt - DateTimeOffset.UtcNow;

    /// <summary>W3C trace context of this invocation (from <c>traceparent</c>, X-Ray or Cloud Trace headers).</summary>
    /// <remarks>
    /// The invocation's span's context; without a span (nobody listens, or the sampler left it out) the
    /// incoming context, parsed when read: most invocations never read it, so none keeps a copy.
    /// </remarks>
    public ActivityContext TraceContext =>
        Activity is { } activity ? activity.Context
        : _options.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, _options.TraceState, isRemote: true, out var parsed) ? parsed
        : default;

    /// <summary>The server activity for this invocation, when something listens to <c>Portable.Functions</c>.</summary>
    public Activity? Activity { get; }

    /// <summary>Logger for this function.</summary>
    public ILogger Logger { get; }

    /// <summary>How many times the platform has delivered this input (1 = first), when it says.</summary>
    public int? DeliveryAttempt { get; }

    /// <summary>
    /// Services scoped to this invocation; the scope is created when a service that is not a singleton
    /// is first resolved, and disposed after the invocation.
    /// </summary>
    public IServiceProvider Services => _app is { } app ? _services ??= new InvocationServices(this, app) : ScopedServices;

    /// <summary>The invocation's scope, created on first use.</summary>
    internal IServiceProvider ScopedServices
    {
        get
        {
            _scope ??= (_app?.Services ?? _rootServices!).CreateAsyncScope();
            return _scope.Value.ServiceProvider;
        }
    }

    /// <summary>The HTTP request, for HTTP and typed functions called over HTTP.</summary>
    public FunctionRequest? Request { get; internal set; }

    /// <summary>The HTTP response; middleware can read or replace it after <c>next()</c>.</summary>
    public FunctionResponse? Response { get; set; }

    /// <summary>
    /// The completed task a raw HTTP handler answered with: the pipeline hands it back as its own result
    /// while it still holds <see cref="Response"/>, instead of wrapping the same response in a new task.
    /// </summary>
    internal Task<FunctionResponse>? HandlerTask { get; set; }

    /// <summary>The CloudEvent, for event functions.</summary>
    public CloudEvent? Event { get; internal set; }

    /// <summary>The reply event of an event function, if any.</summary>
    public CloudEvent? ReplyEvent { get; set; }

    /// <summary>Per-invocation state shared between middleware and handlers.</summary>
    public IDictionary<object, object?> Items => _items ??= [];

    /// <summary>The platform's native request object (escape hatch).</summary>
    public object? NativeRequest => _options.NativeRequest;

    internal ReadOnlyMemory<byte> JsonInput { get; set; }

    internal ReadOnlyMemory<byte> JsonOutput { get; set; }

    /// <summary>The native request as <typeparamref name="T"/>, or <see langword="null"/> when it is another type.</summary>
    /// <typeparam name="T">Expected native type, e.g. <c>Microsoft.AspNetCore.Http.HttpContext</c>.</typeparam>
    /// <returns>The native object.</returns>
    public T? GetNative<T>()
        where T : class => NativeRequest as T;

    internal void DisposeCancellation()
    {
        // Marked complete before looking for the lock: a reader that makes the lock afterwards sees the
        // mark and creates no token source; one that made it before is waited for here.
        Interlocked.Exchange(ref _completed, 1);
        if (Volatile.Read(ref _gate) is null)
        {
            return;
        }

        lock (Gate)
        {
            _cancellation?.Dispose();
        }
    }

    private Lock Gate => Volatile.Read(ref _gate) ?? Interlocked.CompareExchange(ref _gate, new Lock(), null) ?? _gate!;

    /// <summary>Whether the invocation made a DI scope (disposed when it ends).</summary>
    internal bool HasScope => _scope is not null;

    internal ValueTask DisposeScopeAsync() => _scope?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static class EmptyServices
    {
        public static readonly IServiceProvider Instance = new ServiceCollection().BuildServiceProvider();
    }
}
