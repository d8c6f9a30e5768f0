using System.Text.Json;

namespace Portable.Benchmarks.Baselines;

/// <summary>One SQS record.</summary>
public sealed class SqsMessage
{
    public string? MessageId { get; init; }
    public string? ReceiptHandle { get; init; }
    public string? Body { get; init; }
    public Dictionary<string, string>? Attributes { get; init; }
    public Dictionary<string, JsonElement>? MessageAttributes { get; init; }
    public string? Md5OfBody { get; init; }
    public string? EventSource { get; init; }
    public string? EventSourceArn { get; init; }
    public string? AwsRegion { get; init; }
}
