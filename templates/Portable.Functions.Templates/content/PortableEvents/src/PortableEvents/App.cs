using Microsoft.Extensions.DependencyInjection;
using Portable.Functions;

namespace PortableEvents;

/// <summary>The app's functions: <c>Program.cs</c> runs them on a platform, the tests call them in process.</summary>
public static class App
{
    /// <summary>The CloudEvent type the consumer handles.</summary>
    public const string OrderPlacedType = "com.example.order.placed";

    /// <summary>Registers the JSON metadata and services, builds the app and maps the functions.</summary>
    /// <param name="builder">A builder (with the platform hosts already added, in <c>Program.cs</c>).</param>
    /// <returns>The app.</returns>
    public static FunctionApp Build(FunctionAppBuilder builder)
    {
        // Source-generated JSON metadata (no reflection, Native AOT safe), created when first needed.
        builder.AddJsonContext(() => AppJsonContext.Default);

        // An instance, not a type: nothing is activated through reflection when the first event arrives.
        // A test replaces it (FunctionTestHostOptions.ConfigureServices); a real app registers its store here.
        builder.Services.AddSingleton<IStock>(new InMemoryStock(new Dictionary<string, int> { ["sku-1"] = 10 }));
        var app = builder.Build();

        // How the handler ends tells the platform what to do with the event, on every platform:
        //  - it returns:                   success, acknowledged (Knative 202, the SQS message deleted, Pub/Sub acked);
        //  - it throws DropEventException: drop, never retried (Knative 422 to the dead-letter sink, reported
        //                                  handled in an SQS batch): for an event that can never succeed;
        //  - it throws anything else:      retry, not acknowledged (Knative 5xx, an SQS batchItemFailures entry,
        //                                  Pub/Sub redelivery) until the platform dead-letters it.
        // The handler's parameters (the event, a service, the context) are resolved by the source generator
        // that ships in the Portable.Functions package: no reflection at invocation time.
        app.MapEvent(OrderPlacedType, (CloudEvent<OrderPlaced> order, IStock stock, FunctionContext context) =>
        {
            var placed = order.Data;
            if (string.IsNullOrWhiteSpace(placed.Sku) || placed.Quantity < 1)
            {
                throw new DropEventException($"Order {placed.OrderId} needs a 'sku' and a 'quantity' of at least 1.");
            }

            if (!stock.TryReserve(placed.Sku, placed.Quantity))
            {
                // Worth retrying: the stock may be refilled before the next delivery.
                throw new InvalidOperationException($"Not enough {placed.Sku} in stock for order {placed.OrderId}.");
            }

            context.Logger.OrderReserved(placed.OrderId, placed.Sku, placed.Quantity);
        }).WithName("order-placed");

        return app;
    }
}
