namespace Portable.Functions.Hosting;

/// <summary>
/// One message of a batch as the adapter read it from the platform: its platform id (the one the
/// platform's answer names, e.g. an SQS <c>messageId</c> or a Kinesis sequence number) and either its
/// CloudEvent or the reason it could not be mapped to one.
/// </summary>
/// <remarks>
/// A message that could not be mapped is still part of the batch: <see cref="FunctionInvoker.InvokeBatchAsync"/>
/// settles it (retry by default, so the platform's dead-letter policy sees it) instead of losing it.
/// </remarks>
public sealed class BatchMessage
{
    private BatchMessage(string id, CloudEvent? cloudEvent, FunctionProblemException? problem, int? deliveryAttempt, InvocationMessage? message)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        Event = cloudEvent;
        Problem = problem;
        DeliveryAttempt = deliveryAttempt;
        Message = message;
    }

    /// <summary>The platform's id of the message.</summary>
    public string Id { get; }

    /// <summary>The mapped event, or <see langword="null"/> when the message could not be mapped.</summary>
    public CloudEvent? Event { get; }

    /// <summary>Why the message could not be mapped (a 4xx problem), or <see langword="null"/>.</summary>
    public FunctionProblemException? Problem { get; }

    /// <summary>How many times the platform has delivered this message (1 = first), when it says.</summary>
    public int? DeliveryAttempt { get; }

    /// <summary>
    /// What the platform's envelope says about the message (queue, message id, its own trace header):
    /// the message's invocation span gets its messaging attributes and a link to that trace.
    /// </summary>
    public InvocationMessage? Message { get; }

    /// <summary>A message mapped to a CloudEvent.</summary>
    /// <param name="id">The platform's id of the message (non-empty).</param>
    /// <param name="cloudEvent">The event.</param>
    /// <param name="deliveryAttempt">The platform's delivery count, if it tells one.</param>
    /// <param name="message">The envelope's telemetry facts, if the adapter has them.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public static BatchMessage Of(string id, CloudEvent cloudEvent, int? deliveryAttempt = null, InvocationMessage? message = null)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return new BatchMessage(id, cloudEvent, null, deliveryAttempt, message);
    }

    /// <summary>A message that could not be mapped to a CloudEvent (malformed record, bad base64, ...).</summary>
    /// <param name="id">The platform's id of the message (non-empty).</param>
    /// <param name="problem">What is wrong with it, as a 4xx problem.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public static BatchMessage Unreadable(string id, FunctionProblemException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new BatchMessage(id, null, problem, null, null);
    }
}
