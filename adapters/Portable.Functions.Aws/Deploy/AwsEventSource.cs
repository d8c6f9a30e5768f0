using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Deploy;

/// <summary>
/// The event source of one event function: chosen by <c>Deploy:Aws:Events:&lt;function&gt;:Source</c>,
/// else from the CloudEvent type the adapter gives that source's records (the README's table:
/// <c>com.amazonaws.sns.*</c> → SNS, <c>com.amazonaws.kinesis.record</c> → Kinesis,
/// <c>com.amazonaws.dynamodb.*</c> → DynamoDB Streams), else SQS carrying structured CloudEvents.
/// </summary>
internal sealed class AwsEventSource
{
    private AwsEventSource(FunctionDescriptor function, AwsEventSourceKind kind, int batchSize)
    {
        Function = function;
        Kind = kind;
        BatchSize = batchSize;
        LogicalName = DeployText.Pascal(function.Name);
        ResourceName = DeployText.Snake(function.Name);
    }

    public FunctionDescriptor Function { get; }

    public AwsEventSourceKind Kind { get; }

    public int BatchSize { get; }

    /// <summary>CloudFormation logical-id base, e.g. <c>OrderPlaced</c>.</summary>
    public string LogicalName { get; }

    /// <summary>Terraform resource-name base, e.g. <c>order_placed</c>.</summary>
    public string ResourceName { get; }

    public static AwsEventSource For(FunctionDescriptor function, DeploymentSettings settings)
    {
        var type = function.EventType ?? string.Empty;
        var inferred = type.StartsWith("com.amazonaws.sns.", StringComparison.Ordinal) ? "sns"
            : type == "com.amazonaws.kinesis.record" ? "kinesis"
            : type.StartsWith("com.amazonaws.dynamodb.", StringComparison.Ordinal) ? "dynamodb"
            : "sqs";
        var key = $"Aws:Events:{function.Name}:";
        var kind = settings.GetChoice(key + "Source", inferred, "sqs", "sns", "eventbridge", "kinesis", "dynamodb") switch
        {
            "sns" => AwsEventSourceKind.Sns,
            "eventbridge" => AwsEventSourceKind.EventBridge,
            "kinesis" => AwsEventSourceKind.Kinesis,
            "dynamodb" => AwsEventSourceKind.DynamoDb,
            _ => AwsEventSourceKind.Sqs,
        };
        if (kind == AwsEventSourceKind.EventBridge && function.EventType is null)
        {
            throw new InvalidOperationException($"Function '{function.Name}' handles every event type; an EventBridge rule needs one (set {DeploymentSettings.SectionName}:{key}Source to sqs).");
        }

        var batch = kind switch
        {
            AwsEventSourceKind.Sqs => settings.GetInt32(key + "BatchSize", 10, 1, 10000),
            AwsEventSourceKind.Kinesis or AwsEventSourceKind.DynamoDb => settings.GetInt32(key + "BatchSize", 100, 1, 10000),
            _ => 0,
        };
        return new AwsEventSource(function, kind, batch);
    }
}
