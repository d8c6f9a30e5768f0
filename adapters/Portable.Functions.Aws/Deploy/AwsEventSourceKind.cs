namespace Portable.Functions.Aws.Deploy;

/// <summary>Where an event function's records come from on AWS.</summary>
internal enum AwsEventSourceKind
{
    Sqs,
    Sns,
    EventBridge,
    Kinesis,
    DynamoDb,
    Msk,
    SelfManagedKafka,
}
