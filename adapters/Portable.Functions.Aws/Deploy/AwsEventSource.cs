using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Deploy;

/// <summary>
/// The event source of one event function: chosen by <c>Deploy:Aws:Events:&lt;function&gt;:Source</c>,
/// else from the CloudEvent type the adapter gives that source's records (the README's table:
/// <c>com.amazonaws.sns.*</c> → SNS, <c>com.amazonaws.kinesis.record</c> → Kinesis,
/// <c>com.amazonaws.dynamodb.*</c> → DynamoDB Streams), else SQS carrying structured CloudEvents.
/// Kafka sources (<c>msk</c>: Amazon MSK, <c>kafka</c>: self-managed Apache Kafka) are never inferred
/// (the cluster exists outside the template) and read <c>Topic</c>, <c>ClusterArn</c> (msk) or
/// <c>BootstrapServers</c> and <c>SecretArn</c> (kafka, comma-separated servers; the secret holds the
/// SASL user and password), <c>StartingPosition</c> (<c>LATEST</c> or <c>TRIM_HORIZON</c>) and <c>BatchSize</c>.
/// </summary>
internal sealed class AwsEventSource
{
    private AwsEventSource(FunctionDescriptor function, AwsEventSourceKind kind, int batchSize, KafkaSettings? kafka = null)
    {
        Kafka = kafka;
        Function = function;
        Kind = kind;
        BatchSize = batchSize;
        LogicalName = DeployText.Pascal(function.Name);
        ResourceName = DeployText.Snake(function.Name);
    }

    public FunctionDescriptor Function { get; }

    public AwsEventSourceKind Kind { get; }

    public int BatchSize { get; }

    /// <summary>The Kafka settings of an <see cref="AwsEventSourceKind.Msk"/> or <see cref="AwsEventSourceKind.SelfManagedKafka"/> source.</summary>
    public KafkaSettings? Kafka { get; }

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
        var kind = settings.GetChoice(key + "Source", inferred, "sqs", "sns", "eventbridge", "kinesis", "dynamodb", "msk", "kafka") switch
        {
            "msk" => AwsEventSourceKind.Msk,
            "kafka" => AwsEventSourceKind.SelfManagedKafka,
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
            AwsEventSourceKind.Kinesis or AwsEventSourceKind.DynamoDb or AwsEventSourceKind.Msk or AwsEventSourceKind.SelfManagedKafka => settings.GetInt32(key + "BatchSize", 100, 1, 10000),
            _ => 0,
        };
        if (kind is not (AwsEventSourceKind.Msk or AwsEventSourceKind.SelfManagedKafka))
        {
            return new AwsEventSource(function, kind, batch);
        }

        string Required(string name) => settings.GetString(key + name, string.Empty) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Function '{function.Name}' reads from Kafka; set {DeploymentSettings.SectionName}:{key}{name}.");

        var kafka = new KafkaSettings(
            Required("Topic"),
            kind == AwsEventSourceKind.Msk ? Required("ClusterArn") : null,
            kind == AwsEventSourceKind.SelfManagedKafka ? Required("BootstrapServers").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
            kind == AwsEventSourceKind.SelfManagedKafka ? Required("SecretArn") : null,
            settings.GetChoice(key + "StartingPosition", "LATEST", "LATEST", "TRIM_HORIZON"));
        return new AwsEventSource(function, kind, batch, kafka);
    }
}

/// <summary>Where a Kafka event source mapping reads.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="ClusterArn">The MSK cluster ARN (MSK only).</param>
/// <param name="BootstrapServers">The bootstrap servers (self-managed Kafka only).</param>
/// <param name="SecretArn">The Secrets Manager secret with the SASL/SCRAM credentials (self-managed Kafka only).</param>
/// <param name="StartingPosition"><c>LATEST</c> or <c>TRIM_HORIZON</c>.</param>
internal sealed record KafkaSettings(string Topic, string? ClusterArn, IReadOnlyList<string> BootstrapServers, string? SecretArn, string StartingPosition);
