using System.Text.Json;
using Portable.Functions;
using Portable.Functions.Azure;

namespace EventPipeline;

/// <summary>
/// The sample's one function: consumes <c>com.example.order.placed</c> events from the Kafka topic
/// <c>orders</c> and replies <c>com.example.order.processed</c>. Tests, benchmarks and Program build
/// the same app from here.
/// </summary>
/// <remarks>
/// The order service writes each event as a binary-mode CloudEvent (the CloudEvents Kafka binding:
/// <c>ce_*</c> headers, the JSON order as the value), so the function sees the same event type on AWS
/// (MSK / self-managed Kafka), Azure (Kafka trigger) and Knative (KafkaSource).
/// </remarks>
public static class EventPipelineApp
{
    /// <summary>The CloudEvent type the function consumes.</summary>
    public const string OrderPlacedType = "com.example.order.placed";

    /// <summary>The type of the reply.</summary>
    public const string OrderProcessedType = "com.example.order.processed";

    /// <summary>The Kafka topic the orders arrive on.</summary>
    public const string OrdersTopic = "orders";

    /// <summary>The topic the Azure Kafka output binding writes the replies to.</summary>
    public const string ResultsTopic = "order-results";

    /// <summary>
    /// The <c>Deploy:*</c> settings the committed deployment files were written with (command-line
    /// <c>--Deploy:...</c> arguments and <c>PortableFunctions__Deploy__...</c> variables override them).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> DeploySettings = new Dictionary<string, string?>
    {
        ["Deploy:AppName"] = "EventPipeline",
        ["Deploy:Aws:Events:process-order:Source"] = "msk",
        ["Deploy:Aws:Events:process-order:Topic"] = OrdersTopic,
        ["Deploy:Aws:Events:process-order:ClusterArn"] = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/00000000-0000-0000-0000-000000000000-1",
        ["Deploy:Aws:Events:process-order:StartingPosition"] = "TRIM_HORIZON",
        ["Deploy:Aws:Events:process-order:BatchSize"] = "100",
        ["Deploy:Knative:Events:process-order:Source"] = "kafka",
        ["Deploy:Knative:Events:process-order:Topic"] = OrdersTopic,
        ["Deploy:Knative:Events:process-order:BootstrapServers"] = "my-cluster-kafka-bootstrap.kafka:9092",
    };

    /// <summary>Sets each of <see cref="DeploySettings"/> that the configuration (arguments, environment) does not already set.</summary>
    /// <param name="builder">The builder.</param>
    public static void AddDeploySettings(FunctionAppBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in DeploySettings)
        {
            if (builder.Configuration[key] is null)
            {
                builder.Configuration[key] = value;
            }
        }
    }

    /// <summary>Registers JSON metadata, builds the app and maps the function.</summary>
    /// <param name="builder">A builder with the platform hosts already added.</param>
    /// <returns>The app.</returns>
    public static FunctionApp Build(FunctionAppBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJsonContext(() => PipelineJsonContext.Default);
        var app = builder.Build();

        app.MapEvent<OrderPlaced>(OrderPlacedType, (placed, context) => Task.FromResult<CloudEvent?>(Process(placed)))
            .WithName("process-order")
            .AzureKafkaTrigger(OrdersTopic, "%BrokerList%", "event-pipeline")
            .AzureKafkaOutput(ResultsTopic, "%BrokerList%");
        return app;
    }

    /// <summary>
    /// Validates and prices an order. An order that can never be processed is dropped
    /// (<see cref="DropEventException"/>): retrying it would only block its Kafka partition, since
    /// every platform redelivers a failed record before the ones behind it.
    /// </summary>
    /// <param name="placed">The event.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="DropEventException">The order has no id, a quantity below 1 or a negative price.</exception>
    public static CloudEvent Process(CloudEvent<OrderPlaced> placed)
    {
        ArgumentNullException.ThrowIfNull(placed);
        var order = placed.Data;
        if (string.IsNullOrWhiteSpace(order.OrderId) || order.Quantity < 1 || order.UnitPrice < 0)
        {
            throw new DropEventException($"Order event {placed.Id} is invalid: it needs an orderId, a quantity of at least 1 and a price that is not negative.");
        }

        return new CloudEvent(placed.Id + "/processed", "/samples/event-pipeline", OrderProcessedType)
        {
            Subject = order.OrderId,
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToUtf8Bytes(new OrderProcessed(order.OrderId, order.Quantity * order.UnitPrice, "processed"), PipelineJsonContext.Default.OrderProcessed),
        };
    }
}
