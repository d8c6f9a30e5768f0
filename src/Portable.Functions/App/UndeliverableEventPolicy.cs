namespace Portable.Functions;

/// <summary>
/// What happens to an event no function can take: its CloudEvent type has no function (and no fallback
/// is mapped), its data does not deserialize into the function's type, its content type is not JSON,
/// or the handler rejected it with a 4xx <see cref="FunctionProblemException"/>.
/// </summary>
/// <remarks>
/// <see cref="DropEventException"/> is not covered: a handler throwing it has already chosen to drop
/// the event. Either way the event is logged at Warning with its id.
/// </remarks>
public enum UndeliverableEventPolicy
{
    /// <summary>
    /// The default: the invocation fails for that event, so the platform retries it and finally moves
    /// it to its dead-letter target (SQS redrive, Pub/Sub dead-letter topic, Knative dead-letter sink,
    /// Azure poison queue). Nothing is acknowledged that no function handled.
    /// </summary>
    Fail,

    /// <summary>
    /// The event is acknowledged as if handled and discarded: it is not retried and never reaches a
    /// dead-letter target. Choose this only when losing such events is acceptable.
    /// </summary>
    Drop,
}
