namespace Portable.Functions.Hosting;

/// <summary>How an event invocation ended: the portable success / retry / drop.</summary>
public enum EventOutcome
{
    /// <summary>Handled (with or without a reply).</summary>
    Success,

    /// <summary>Failed in a way worth retrying (handler exception, deadline).</summary>
    Retry,

    /// <summary>Must not be retried: the handler dropped it, or the event itself is invalid.</summary>
    Drop,
}
