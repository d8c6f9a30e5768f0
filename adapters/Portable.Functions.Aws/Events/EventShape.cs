namespace Portable.Functions.Aws;

/// <summary>What an incoming event is, detected from its shape (Lambda does not say).</summary>
internal enum EventShape
{
    Unknown,
    RestApi,
    HttpApi,
    FunctionUrl,
    Alb,
    Sqs,
    Sns,
    S3,
    EventBridge,
    Kinesis,
    DynamoDb,
    Kafka,
    CloudEvent,
}
