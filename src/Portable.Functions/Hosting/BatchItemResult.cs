namespace Portable.Functions.Hosting;

/// <summary>How one message of a batch ended.</summary>
public sealed class BatchItemResult
{
    internal BatchItemResult(BatchMessage message, EventOutcome outcome, bool invoked, CloudEvent? reply, ReadOnlyMemory<byte> output, InvocationError? error)
    {
        Message = message;
        Outcome = outcome;
        Invoked = invoked;
        Reply = reply;
        Output = output;
        Error = error;
    }

    /// <summary>The message.</summary>
    public BatchMessage Message { get; }

    /// <summary>The platform's id of the message (<see cref="BatchMessage.Id"/>).</summary>
    public string Id => Message.Id;

    /// <summary>Success, retry (do not acknowledge) or drop (acknowledge without success).</summary>
    public EventOutcome Outcome { get; }

    /// <summary>
    /// False for a message of an ordered batch that was not invoked because an earlier one must be
    /// retried (its <see cref="Outcome"/> is then <see cref="EventOutcome.Retry"/>), and for a message that
    /// could not be mapped.
    /// </summary>
    public bool Invoked { get; }

    /// <summary>The reply event of an event function, if it returned one.</summary>
    public CloudEvent? Reply { get; }

    /// <summary>The JSON output of a typed function target; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Output { get; }

    /// <summary>The error for a retried or dropped message that was invoked or unreadable; <see langword="null"/> otherwise.</summary>
    public InvocationError? Error { get; }
}
