namespace Portable.Functions.Hosting;

/// <summary>The result of <see cref="FunctionInvoker.InvokeEventAsync(CloudEvent, InvocationOptions?)"/>.</summary>
public sealed class EventInvocationResult
{
    private readonly bool _acknowledged;

    internal EventInvocationResult(EventOutcome outcome, CloudEvent? reply, InvocationError? error, bool acknowledged = false)
    {
        _acknowledged = acknowledged;
        Outcome = outcome;
        Reply = reply;
        Error = error;
    }

    /// <summary>
    /// What the platform should do: <see cref="EventOutcome.Retry"/> means "do not acknowledge" (the
    /// platform retries, then dead-letters), even when <see cref="InvocationError.IsRetryable"/> is false
    /// because the event itself is at fault (see <see cref="FunctionOptions.UndeliverableEvents"/>).
    /// </summary>
    public EventOutcome Outcome { get; }

    /// <summary>The reply event on success, if the handler returned one.</summary>
    public CloudEvent? Reply { get; }

    /// <summary>The error when <see cref="Outcome"/> is not <see cref="EventOutcome.Success"/>.</summary>
    public InvocationError? Error { get; }

    /// <summary>
    /// The status a push delivery (Knative, Pub/Sub push) should answer: 200 with a reply, 202 without
    /// (also for an event discarded by <see cref="UndeliverableEventPolicy.Drop"/>), else the error's
    /// status (400 invalid, 404 no function, 415 not JSON, 422 dropped, 5xx retry).
    /// </summary>
    public int StatusCode => _acknowledged ? 202 : Error?.StatusCode ?? (Reply is null ? 202 : 200);
}
