namespace Portable.Functions.Hosting;

/// <summary>
/// The queue or stream message an invocation processes, as the adapter read it from the platform's
/// envelope: it becomes the span's <c>messaging.*</c> attributes and, through <see cref="TraceParent"/>,
/// a span link to the trace that produced the message
/// (https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/, "Consumer spans" and "Trace
/// structure": a batch's messages are linked, the invocation's own context is the parent).
/// </summary>
public sealed class InvocationMessage
{
    /// <summary>Describes one message.</summary>
    /// <param name="system">The <c>messaging.system</c> value: <c>aws_sqs</c>, <c>aws_sns</c>, <c>aws_kinesis</c>... (well-known values of the conventions where one exists).</param>
    /// <exception cref="ArgumentException"><paramref name="system"/> is null or empty.</exception>
    public InvocationMessage(string system)
    {
        ArgumentException.ThrowIfNullOrEmpty(system);
        System = system;
    }

    /// <summary>The messaging system (<c>messaging.system</c>).</summary>
    public string System { get; }

    /// <summary>The queue, topic or stream name (<c>messaging.destination.name</c>), when known.</summary>
    public string? DestinationName { get; init; }

    /// <summary>The platform's message id (<c>messaging.message.id</c>); the CloudEvent id is used when <see langword="null"/>.</summary>
    public string? MessageId { get; init; }

    /// <summary>How many messages the platform delivered in the batch this one came in (<c>messaging.batch.message_count</c>), when it is a batch.</summary>
    public int? BatchMessageCount { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> the message carries (adapters convert the platform's header, e.g. SQS's
    /// <c>AWSTraceHeader</c>); the span gets a link to it. A malformed value is ignored.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; init; }

    /// <summary>The partition the message was read from (<c>messaging.destination.partition.id</c>: a Kafka partition, an Event Hubs partition), when known.</summary>
    public string? PartitionId { get; init; }

    /// <summary>The Kafka offset of the record in its partition (<c>messaging.kafka.offset</c>), when the message is a Kafka record.</summary>
    public long? Offset { get; init; }
}
