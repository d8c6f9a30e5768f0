using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// What the invocation span says about a record: the trigger (<c>faas.trigger</c>) and, for queue and
/// stream messages, the messaging attributes and the link to the message's own trace (SQS carries the
/// producer's X-Ray header in the <c>AWSTraceHeader</c> system attribute;
/// https://opentelemetry.io/docs/specs/semconv/faas/aws-lambda/, "SQS Event": a span per message,
/// linked to the message's context, parented by the invocation's).
/// </summary>
internal static class AwsMessageTelemetry
{
    /// <summary>The messaging facts of one record (queue, id, the producer's trace), or null for a source that is not a queue or stream.</summary>
    public static InvocationMessage? Message(EventShape shape, JsonElement record, int batchCount)
    {
        int? batch = batchCount > 0 ? batchCount : null;
        switch (shape)
        {
            case EventShape.Sqs:
                return Sqs(ArnName(record.Json("eventSourceARN")), record.Json("messageId"), record.Object("attributes")?.Json("AWSTraceHeader"), batchCount);
            case EventShape.Kinesis:
                return new InvocationMessage("aws_kinesis")
                {
                    DestinationName = StreamName(record.Json("eventSourceARN")),
                    MessageId = record.Object("kinesis")?.Json("sequenceNumber"),
                    BatchMessageCount = batch,
                };
            case EventShape.Kafka:
                // https://opentelemetry.io/docs/specs/semconv/messaging/kafka/: the topic is the destination.
                return new InvocationMessage("kafka")
                {
                    DestinationName = record.Json("topic"),
                    PartitionId = record.TryGetProperty("partition", out var partition) && partition.ValueKind == JsonValueKind.Number ? partition.GetRawText() : null,
                    Offset = record.TryGetProperty("offset", out var offset) && offset.ValueKind == JsonValueKind.Number && offset.TryGetInt64(out var number) ? number : null,
                    BatchMessageCount = batch,
                };
            case EventShape.Sns:
                var sns = record.Object("Sns");
                return new InvocationMessage("aws_sns")
                {
                    DestinationName = ArnName(sns?.Json("TopicArn")),
                    MessageId = sns?.Json("MessageId"),
                };
            default:
                return null;
        }
    }

    /// <summary>The messaging facts of one SQS record from its members as read (<paramref name="queueName"/>: <see cref="ArnName"/> of its ARN).</summary>
    public static InvocationMessage Sqs(string? queueName, string? messageId, string? traceHeader, int batchCount) => new("aws_sqs")
    {
        DestinationName = queueName,
        MessageId = messageId,
        BatchMessageCount = batchCount > 0 ? batchCount : null,
        TraceParent = XRayTraceHeader.ToTraceParent(traceHeader),
    };

    /// <summary>The <c>faas.trigger</c> of an event shape.</summary>
    public static FunctionTrigger Trigger(EventShape shape, JsonElement element) => shape switch
    {
        EventShape.Sqs or EventShape.Sns or EventShape.Kinesis or EventShape.Kafka => FunctionTrigger.PubSub,
        EventShape.S3 or EventShape.DynamoDb => FunctionTrigger.Datasource,
        EventShape.EventBridge => element.Json("detail-type") == "Scheduled Event" ? FunctionTrigger.Timer : FunctionTrigger.PubSub,
        _ => FunctionTrigger.Other,
    };

    // arn:aws:sqs:REGION:ACCOUNT:NAME, arn:aws:sns:REGION:ACCOUNT:NAME
    internal static string? ArnName(string? arn) => arn is null ? null : arn[(arn.LastIndexOf(':') + 1)..];

    // arn:aws:kinesis:REGION:ACCOUNT:stream/NAME
    private static string? StreamName(string? arn) => arn is null ? null : arn[(arn.LastIndexOf('/') + 1)..];
}
