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
internal static class LambdaMessageTelemetry
{
    /// <summary>The options for one record: its trigger, message and (SQS) delivery attempt.</summary>
    public static InvocationOptions For(EventShape shape, JsonElement record, int batchCount, InvocationOptions options)
    {
        options = options.WithTrigger(Trigger(shape, record));
        int? batch = batchCount > 0 ? batchCount : null;
        switch (shape)
        {
            case EventShape.Sqs:
                var attributes = record.Object("attributes");
                int? attempt = int.TryParse(attributes?.Json("ApproximateReceiveCount"), out var count) ? count : null;
                return options.WithMessage(
                    new InvocationMessage("aws_sqs")
                    {
                        DestinationName = ArnName(record.Json("eventSourceARN")),
                        MessageId = record.Json("messageId"),
                        BatchMessageCount = batch,
                        TraceParent = XRayTraceHeader.ToTraceParent(attributes?.Json("AWSTraceHeader")),
                    },
                    attempt);
            case EventShape.Kinesis:
                return options.WithMessage(new InvocationMessage("aws_kinesis")
                {
                    DestinationName = StreamName(record.Json("eventSourceARN")),
                    MessageId = record.Object("kinesis")?.Json("sequenceNumber"),
                    BatchMessageCount = batch,
                });
            case EventShape.Sns:
                var sns = record.Object("Sns");
                return options.WithMessage(new InvocationMessage("aws_sns")
                {
                    DestinationName = ArnName(sns?.Json("TopicArn")),
                    MessageId = sns?.Json("MessageId"),
                });
            default:
                return options;
        }
    }

    /// <summary>The <c>faas.trigger</c> of an event shape.</summary>
    private static FunctionTrigger Trigger(EventShape shape, JsonElement element) => shape switch
    {
        EventShape.Sqs or EventShape.Sns or EventShape.Kinesis => FunctionTrigger.PubSub,
        EventShape.S3 or EventShape.DynamoDb => FunctionTrigger.Datasource,
        EventShape.EventBridge => element.Json("detail-type") == "Scheduled Event" ? FunctionTrigger.Timer : FunctionTrigger.PubSub,
        _ => FunctionTrigger.Other,
    };

    // arn:aws:sqs:REGION:ACCOUNT:NAME, arn:aws:sns:REGION:ACCOUNT:NAME
    private static string? ArnName(string? arn) => arn is null ? null : arn[(arn.LastIndexOf(':') + 1)..];

    // arn:aws:kinesis:REGION:ACCOUNT:stream/NAME
    private static string? StreamName(string? arn) => arn is null ? null : arn[(arn.LastIndexOf('/') + 1)..];
}
