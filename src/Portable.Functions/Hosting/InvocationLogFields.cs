using System.Diagnostics;

namespace Portable.Functions.Hosting;

/// <summary>
/// What a log line written now should say about the invocation it belongs to: the function name (or
/// <c>-</c> for a request rejected before routing), the invocation id and, for event invocations, the
/// CloudEvent id. Log providers read <see cref="Current"/> when they write a line, so the framework's
/// lines, the handler's and its libraries' (any <c>ILogger</c>) carry the same fields.
/// </summary>
/// <remarks>
/// Read at write time rather than pushed as a logger scope: a scope would cost an allocation per
/// invocation even when nothing is logged, and the invocation id is generated lazily (on the first
/// line that needs it). Reading <see cref="Current"/> allocates nothing; <see cref="InvocationId"/>
/// generates the id the first time it is read for an invocation that had none.
/// </remarks>
public readonly struct InvocationLogFields
{
    /// <summary>The function name printed for a request rejected before it was routed to a function.</summary>
    public const string Unrouted = "-";

    /// <summary>The category prefix of each function's own logger (<c>Function.&lt;name&gt;</c>).</summary>
    internal const string FunctionCategoryPrefix = "Function.";

    // Set around the framework's own synchronous log calls made outside the pipeline's async flow: a
    // rejection before any context exists, and the error mapping after the pipeline has returned.
    [ThreadStatic]
    private static FunctionContext? t_context;

    [ThreadStatic]
    private static string? t_rejectedId;

    [ThreadStatic]
    private static string? t_rejectedEventId;

    [ThreadStatic]
    private static ActivityContext t_rejectedTrace;

    private readonly FunctionContext? _context;
    private readonly string? _invocationId;
    private readonly ActivityContext _rejectedTrace;

    private InvocationLogFields(FunctionContext? context, string? functionName, string? invocationId, string? eventId, ActivityContext rejectedTrace = default)
    {
        _context = context;
        FunctionName = functionName;
        _invocationId = invocationId;
        EventId = eventId;
        _rejectedTrace = rejectedTrace;
    }

    /// <summary>
    /// The fields for a line written now on this thread or async flow; <see cref="IsInvocation"/> is
    /// <see langword="false"/> (and every field <see langword="null"/>) outside any invocation.
    /// </summary>
    public static InvocationLogFields Current
    {
        get
        {
            if (t_rejectedId is { } rejected)
            {
                return new InvocationLogFields(null, Unrouted, rejected, t_rejectedEventId, t_rejectedTrace);
            }

            var context = t_context ?? FunctionContext.Current;
            return context is null ? default : new InvocationLogFields(context, context.FunctionName, null, context.Event?.Id);
        }
    }

    /// <summary>True when the line belongs to an invocation (routed or rejected).</summary>
    public bool IsInvocation => FunctionName is not null;

    /// <summary>The function's name, <see cref="Unrouted"/> (<c>-</c>) before routing, or <see langword="null"/> outside an invocation.</summary>
    public string? FunctionName { get; }

    /// <summary>
    /// The invocation id (the platform's request id, or a generated one), or <see langword="null"/>
    /// outside an invocation. Reading it for a routed invocation without a platform id generates the id
    /// once (<see cref="FunctionContext.InvocationId"/>).
    /// </summary>
    public string? InvocationId => _context?.InvocationId ?? _invocationId;

    /// <summary>The CloudEvent's <c>id</c> for an event invocation, otherwise <see langword="null"/>.</summary>
    public string? EventId { get; }

    /// <summary>
    /// The trace the line belongs to: the invocation's span (or, with no listener, the platform's incoming
    /// context), or for a request rejected before routing the context the platform sent with it;
    /// <see langword="default"/> when there is none. Log formats print its trace id (and span id, sampled flag).
    /// </summary>
    public ActivityContext TraceContext => _context?.TraceContext ?? _rejectedTrace;

    /// <summary>The invocation's context (trace, native request); <see langword="null"/> for a rejection or outside an invocation.</summary>
    public FunctionContext? Context => _context;

    /// <summary>
    /// The category to print in a text line: <c>Function</c> when <paramref name="category"/> is the
    /// invoked function's own logger (<c>Function.&lt;name&gt;</c>, whose name the line already carries),
    /// otherwise <paramref name="category"/> unchanged.
    /// </summary>
    /// <param name="category">The logger's category.</param>
    /// <returns>The category to print.</returns>
    public string TextCategory(string category) =>
        FunctionName is { } name && category.Length == FunctionCategoryPrefix.Length + name.Length
            && category.StartsWith(FunctionCategoryPrefix, StringComparison.Ordinal)
            && category.EndsWith(name, StringComparison.Ordinal)
            ? "Function"
            : category;

    /// <summary>
    /// Makes the lines written synchronously on this thread, until the result is disposed, carry
    /// <see cref="Unrouted"/> (<c>-</c>), <paramref name="invocationId"/> and <paramref name="eventId"/>: for an
    /// adapter's own lines about a request outside the pipeline (before routing, or after the function
    /// answered). The fields are per thread, so a line written after an <c>await</c> inside the scope may
    /// not carry them: wrap the log call itself.
    /// </summary>
    /// <param name="invocationId">The platform's request id.</param>
    /// <param name="eventId">The CloudEvent id, when the request carried one.</param>
    /// <returns>Restores the previous fields when disposed.</returns>
    /// <exception cref="ArgumentException"><paramref name="invocationId"/> is null or empty.</exception>
    public static IDisposable BeginUnrouted(string invocationId, string? eventId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(invocationId);
        return ForRejection(invocationId, eventId);
    }

    /// <summary>Makes the framework's lines written until disposal carry <paramref name="context"/>'s fields.</summary>
    internal static Override For(FunctionContext context)
    {
        var previous = new Override(t_context, t_rejectedId, t_rejectedEventId, t_rejectedTrace);
        t_context = context;
        t_rejectedId = null;
        t_rejectedEventId = null;
        t_rejectedTrace = default;
        return previous;
    }

    /// <summary>Makes the framework's lines written until disposal carry <c>-</c>, the id and the event id.</summary>
    internal static Override ForRejection(string invocationId, string? eventId, ActivityContext trace = default)
    {
        var previous = new Override(t_context, t_rejectedId, t_rejectedEventId, t_rejectedTrace);
        t_context = null;
        t_rejectedId = invocationId;
        t_rejectedEventId = eventId;
        t_rejectedTrace = trace;
        return previous;
    }

    /// <summary>Restores the previous fields when disposed (a struct: no allocation).</summary>
    internal readonly struct Override(FunctionContext? context, string? rejectedId, string? rejectedEventId, ActivityContext rejectedTrace) : IDisposable
    {
        public void Dispose()
        {
            t_context = context;
            t_rejectedId = rejectedId;
            t_rejectedEventId = rejectedEventId;
            t_rejectedTrace = rejectedTrace;
        }
    }
}
