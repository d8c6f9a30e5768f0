namespace Portable.Functions.Hosting;

/// <summary>
/// What caused an invocation, as the OpenTelemetry <c>faas.trigger</c> attribute names it
/// (https://opentelemetry.io/docs/specs/semconv/faas/faas-spans/, "Function Trigger Type").
/// </summary>
public enum FunctionTrigger
{
    /// <summary>Not said by the adapter: the pipeline infers <see cref="Http"/> for requests, <see cref="PubSub"/> for messages, <see cref="Other"/> otherwise.</summary>
    Unspecified = 0,

    /// <summary>An inbound HTTP request (<c>http</c>): span kind server.</summary>
    Http,

    /// <summary>A message from a queue, topic or stream (<c>pubsub</c>): SQS, SNS, Kinesis, Pub/Sub, Service Bus, Storage queues, Event Hubs.</summary>
    PubSub,

    /// <summary>A change in a data source (<c>datasource</c>): an S3 or Cloud Storage object, a DynamoDB or Cosmos DB change, a Blob.</summary>
    Datasource,

    /// <summary>A schedule (<c>timer</c>): EventBridge Scheduler, Cloud Scheduler, an Azure timer trigger.</summary>
    Timer,

    /// <summary>Anything else (<c>other</c>): a direct invoke, an event with no known source.</summary>
    Other,
}
