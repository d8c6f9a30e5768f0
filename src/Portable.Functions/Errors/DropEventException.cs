namespace Portable.Functions;

/// <summary>
/// Thrown by an event handler to say "this event can never succeed: do not retry it". The event is
/// dropped (or dead-lettered, where the platform has a dead-letter target) instead of retried:
/// Knative answers 422 (not retried, goes to the dead-letter sink); GCF answers 422 too, but Pub/Sub
/// push and Eventarc retry every non-2xx, so there it is retried until the dead-letter topic; in an AWS
/// batch the record is reported as handled; on Azure the invocation completes and the drop is logged.
/// This is the per-event, explicit drop; events no function can take follow
/// <see cref="FunctionOptions.UndeliverableEvents"/> instead.
/// </summary>
/// <remarks>Any other exception means "retry": a 5xx, a <c>batchItemFailures</c> entry, or a host retry.</remarks>
public sealed class DropEventException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the event is dropped; logged, and sent to Knative as the problem detail.</param>
    /// <param name="innerException">The cause.</param>
    public DropEventException(string reason, Exception? innerException = null)
        : base(reason, innerException)
    {
    }
}
