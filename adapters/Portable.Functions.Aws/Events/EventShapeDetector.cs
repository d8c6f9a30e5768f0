using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>
/// Detects the event source from the JSON shape (all keys exact-case): <c>Records[0].eventSource</c>
/// (<c>EventSource</c> for SNS), <c>requestContext.elb</c> for ALB, <c>version</c> 2.0 +
/// <c>rawPath</c> for HTTP API/Function URL (told apart by the <c>.lambda-url.</c> domain),
/// <c>httpMethod</c> + <c>requestContext</c> for payload 1.0, <c>detail-type</c> + <c>source</c> for
/// EventBridge, <c>specversion</c> for a structured CloudEvent, a top-level <c>eventSource</c> of
/// <c>aws:kafka</c> (Amazon MSK) or <c>SelfManagedKafka</c> with a <c>records</c> object for Kafka
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html, .../with-kafka.html).
/// </summary>
internal static class EventShapeDetector
{
    public static EventShape Detect(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return EventShape.Unknown;
        }

        if (root.Json("eventSource") is "aws:kafka" or "SelfManagedKafka" && root.TryGetProperty("records", out var groups) && groups.ValueKind == JsonValueKind.Object)
        {
            return EventShape.Kafka;
        }

        if (root.TryGetProperty("Records", out var records))
        {
            return records.ValueKind == JsonValueKind.Array && records.GetArrayLength() > 0 ? DetectRecord(records[0]) : EventShape.Unknown;
        }

        var hasContext = root.TryGetProperty("requestContext", out var context) && context.ValueKind == JsonValueKind.Object;
        if (hasContext && context.TryGetProperty("elb", out _))
        {
            return EventShape.Alb;
        }

        if (root.Json("version") == "2.0" && root.TryGetProperty("rawPath", out _))
        {
            return hasContext && context.Json("domainName") is { } domain && domain.Contains(".lambda-url.", StringComparison.Ordinal)
                ? EventShape.FunctionUrl
                : EventShape.HttpApi;
        }

        if (hasContext && root.TryGetProperty("httpMethod", out _))
        {
            return EventShape.RestApi;
        }

        if (root.TryGetProperty("detail-type", out _) && root.TryGetProperty("source", out _))
        {
            return EventShape.EventBridge;
        }

        return root.TryGetProperty("specversion", out _) ? EventShape.CloudEvent : EventShape.Unknown;
    }

    private static EventShape DetectRecord(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return EventShape.Unknown;
        }

        return record.Json("eventSource") switch
        {
            "aws:sqs" => EventShape.Sqs,
            "aws:s3" => EventShape.S3,
            "aws:kinesis" => EventShape.Kinesis,
            "aws:dynamodb" => EventShape.DynamoDb,
            _ => record.Json("EventSource") == "aws:sns" ? EventShape.Sns : EventShape.Unknown,
        };
    }
}
