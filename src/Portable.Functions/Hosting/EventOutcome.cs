namespace Portable.Functions.Hosting;

/// <summary>How an event invocation ended: the portable success / retry / drop.</summary>
public enum EventOutcome
{
    /// <summary>Handled (with or without a reply).</summary>
    Success,

    /// <summary>
    /// Not to be acknowledged: the platform retries it and finally dead-letters it (handler exception,
    /// deadline, and by default an event no function can take).
    /// </summary>
    Retry,

    /// <summary>
    /// Must not be retried: the handler threw <see cref="DropEventException"/>, or the event could not be
    /// taken and <see cref="FunctionOptions.UndeliverableEvents"/> is <see cref="UndeliverableEventPolicy.Drop"/>.
    /// </summary>
    Drop,
}
