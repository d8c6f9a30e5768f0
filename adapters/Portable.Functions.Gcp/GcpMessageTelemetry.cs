using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp;

/// <summary>
/// What the invocation span says about a Pub/Sub message: <c>messaging.system</c> = <c>gcp_pubsub</c>, the
/// topic as the destination and the message id (for a Pub/Sub CloudEvent, the CloudEvent id is the
/// message id: https://github.com/googleapis/google-cloudevents, <c>MessagePublishedData</c>; the source is
/// <c>//pubsub.googleapis.com/projects/P/topics/T</c>). The trigger then resolves to <c>pubsub</c>
/// (https://opentelemetry.io/docs/specs/semconv/messaging/gcp-pubsub/). Other event types are left as they are.
/// </summary>
internal static class GcpMessageTelemetry
{
    private const string MessagePublishedType = "google.cloud.pubsub.topic.v1.messagePublished";

    /// <summary>The options with the message's facts when the event is a Pub/Sub message; otherwise the options unchanged.</summary>
    public static InvocationOptions Describe(InvocationOptions options, string? type, string? source, string? id)
    {
        if (type != MessagePublishedType || options.Message is not null)
        {
            return options;
        }

        var topic = source is null ? null : source[(source.LastIndexOf('/') + 1)..];
        return options.WithMessage(new InvocationMessage("gcp_pubsub") { DestinationName = topic is { Length: > 0 } ? topic : null, MessageId = id });
    }
}
