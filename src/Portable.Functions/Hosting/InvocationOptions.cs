namespace Portable.Functions.Hosting;

/// <summary>
/// What an adapter knows about one native invocation, handed to <see cref="FunctionInvoker"/>:
/// identity, deadline, cancellation, trace context and the native object.
/// </summary>
public sealed class InvocationOptions
{
    private readonly CancellationToken _aborted;
    /// <summary>Platform; <see cref="PlatformInfo.Local"/> when <see langword="null"/>.</summary>
    public PlatformInfo? Platform { get; init; }

    /// <summary>The platform's invocation/request id; a new GUID when <see langword="null"/>.</summary>
    public string? InvocationId { get; init; }

    /// <summary>Absolute deadline from the platform (Lambda); else now + <see cref="FunctionOptions.Timeout"/>.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Fires when the platform gives up on the invocation: client disconnect or host shutdown.</summary>
    public CancellationToken Aborted
    {
        // A bridge's options read the token from the native request when asked (when the function asks
        // for its token, or an invocation fails): most invocations never do, and the lookup is per request.
        get => AbortedReader is { } reader && NativeRequest is { } native ? reader.ReadAborted(native) : _aborted;
        init => _aborted = value;
    }

    /// <summary>Reads <see cref="Aborted"/> from <see cref="NativeRequest"/> when set (the ASP.NET Core bridge).</summary>
    internal NativeRequestReader? AbortedReader { get; init; }

    /// <summary>
    /// Fires when the host's drain budget runs out during shutdown. Kept apart from <see cref="Aborted"/>
    /// so adapters need not link tokens per request; the pipeline links both into the one token.
    /// </summary>
    public CancellationToken HostShutdown { get; init; }

    /// <summary>W3C <c>traceparent</c> (adapters convert X-Ray and <c>X-Cloud-Trace-Context</c> to it).</summary>
    public string? TraceParent { get; init; }

    /// <summary>W3C <c>tracestate</c>.</summary>
    public string? TraceState { get; init; }

    /// <summary>How many times the platform has delivered this input, 1 for the first delivery, when known.</summary>
    public int? DeliveryAttempt { get; init; }

    /// <summary>
    /// The function to invoke whatever the request's path or the event's type (GCF's single-target mode,
    /// Lambda's <c>_HANDLER</c>); <see langword="null"/> routes by path or event type.
    /// </summary>
    public FunctionDescriptor? Target { get; init; }

    /// <summary>
    /// What caused the invocation (<c>faas.trigger</c> of its span and metrics);
    /// <see cref="FunctionTrigger.Unspecified"/> lets the pipeline infer it (HTTP for requests, pub/sub when
    /// <see cref="Message"/> is set, other otherwise).
    /// </summary>
    public FunctionTrigger Trigger { get; init; }

    /// <summary>The queue or stream message this invocation processes (one per invocation: a batch's adapter makes a copy per message with <see cref="WithMessage"/>).</summary>
    public InvocationMessage? Message { get; init; }

    /// <summary>The native request object (<c>HttpContext</c>, Lambda event, Azure <c>FunctionContext</c>, ...).</summary>
    public object? NativeRequest { get; init; }

    /// <summary>A copy of these options with another <see cref="Target"/> (the same object when it is already that one).</summary>
    /// <param name="target">The function to invoke, or <see langword="null"/> to route.</param>
    /// <returns>The options for the call.</returns>
    public InvocationOptions WithTarget(FunctionDescriptor? target) =>
        ReferenceEquals(target, Target) ? this : Copy(target, DeliveryAttempt);

    /// <summary>A copy of these options with another <see cref="DeliveryAttempt"/> (one message of a batch).</summary>
    /// <param name="deliveryAttempt">How many times the platform has delivered the message, or <see langword="null"/>.</param>
    /// <returns>The options for the call.</returns>
    public InvocationOptions WithDeliveryAttempt(int? deliveryAttempt) =>
        deliveryAttempt == DeliveryAttempt ? this : Copy(Target, deliveryAttempt);

    /// <summary>A copy of these options for one message of a batch: its <see cref="Message"/> and <see cref="DeliveryAttempt"/>.</summary>
    /// <param name="message">The message, or <see langword="null"/>.</param>
    /// <param name="deliveryAttempt">How many times the platform has delivered the message, or <see langword="null"/> to keep <see cref="DeliveryAttempt"/>.</param>
    /// <returns>The options for the call.</returns>
    public InvocationOptions WithMessage(InvocationMessage? message, int? deliveryAttempt = null) =>
        Copy(Target, deliveryAttempt ?? DeliveryAttempt, message, Trigger);

    /// <summary>A copy of these options with another <see cref="Trigger"/> (the same object when it is already that one).</summary>
    /// <param name="trigger">What caused the invocation.</param>
    /// <returns>The options for the call.</returns>
    public InvocationOptions WithTrigger(FunctionTrigger trigger) =>
        trigger == Trigger ? this : Copy(Target, DeliveryAttempt, Message, trigger);

    private InvocationOptions Copy(FunctionDescriptor? target, int? deliveryAttempt) => Copy(target, deliveryAttempt, Message, Trigger);

    private InvocationOptions Copy(FunctionDescriptor? target, int? deliveryAttempt, InvocationMessage? message, FunctionTrigger trigger) => new()
    {
        Platform = Platform,
        InvocationId = InvocationId,
        Deadline = Deadline,
        Aborted = _aborted,
        AbortedReader = AbortedReader,
        HostShutdown = HostShutdown,
        TraceParent = TraceParent,
        TraceState = TraceState,
        DeliveryAttempt = deliveryAttempt,
        Trigger = trigger,
        Message = message,
        NativeRequest = NativeRequest,
        Target = target,
    };
}
