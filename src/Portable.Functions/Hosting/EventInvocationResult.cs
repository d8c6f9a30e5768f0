namespace Portable.Functions.Hosting;

/// <summary>The result of <see cref="FunctionInvoker.InvokeEventAsync(CloudEvent, InvocationOptions?)"/>.</summary>
public sealed class EventInvocationResult
{
    internal EventInvocationResult(EventOutcome outcome, CloudEvent? reply, InvocationError? error)
    {
        Outcome = outcome;
        Reply = reply;
        Error = error;
    }

    /// <summary>Success, retry or drop.</summary>
    public EventOutcome Outcome { get; }

    /// <summary>The reply event on success, if the handler returned one.</summary>
    public CloudEvent? Reply { get; }

    /// <summary>The error when <see cref="Outcome"/> is not <see cref="EventOutcome.Success"/>.</summary>
    public InvocationError? Error { get; }

    /// <summary>
    /// The status a push delivery (Knative, Pub/Sub push) should answer: 200 with a reply, 202 without,
    /// else the error's status (400 invalid, 404 no function, 422 dropped, 5xx retry).
    /// </summary>
    public int StatusCode => Error?.StatusCode ?? (Reply is null ? 202 : 200);
}
