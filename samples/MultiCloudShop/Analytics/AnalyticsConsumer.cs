using Portable.Functions;

namespace MultiCloudShop.Analytics;

/// <summary>
/// The analytics consumer: two event functions fed by a queue or stream in batches (SQS on AWS, Pub/Sub on
/// Google, Event Grid on Azure, a Knative trigger). Each event settles on its own through the core's batch
/// semantics: counted → success; a cancellation that overtook its placement → retry (the platform
/// redelivers it later); data that can never be counted → drop (dead-lettered, not retried).
/// </summary>
internal static class AnalyticsConsumer
{
    public static void Map(FunctionApp app)
    {
        app.MapEvent(ShopApp.OrderPlacedType, async (CloudEvent cloudEvent, ISalesAnalytics sales, FunctionContext context) =>
        {
            var placed = EventData.Read(cloudEvent, ShopJsonContext.Default.OrderPlaced);
            if (placed.Total < 0 || placed.Currency.Length != 3)
            {
                // Retrying cannot fix the data: drop it (to the dead-letter target) instead of blocking the queue.
                throw new DropEventException($"Order {placed.OrderId} has a negative total or a currency that is not an ISO 4217 code.");
            }

            await sales.RecordPlacedAsync(placed, context.CancellationToken);
        }).WithName("analytics-order-placed");

        app.MapEvent(ShopApp.OrderCancelledType, async (CloudEvent cloudEvent, ISalesAnalytics sales, FunctionContext context) =>
        {
            var cancelled = EventData.Read(cloudEvent, ShopJsonContext.Default.OrderCancelled);
            if (!await sales.RecordCancelledAsync(cancelled, context.CancellationToken))
            {
                // Queues do not keep order: the placement may still be on its way. 503 = try again later,
                // so this message alone is retried (batchItemFailures on SQS); the rest of its batch is not.
                throw new FunctionProblemException(503, "Order Not Seen Yet", $"Order {cancelled.OrderId} was cancelled before its placement was counted.");
            }
        }).WithName("analytics-order-cancelled");
    }
}
