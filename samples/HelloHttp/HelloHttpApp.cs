using Microsoft.Extensions.DependencyInjection;
using Portable.Functions;

namespace HelloHttp;

/// <summary>The sample's three functions; tests and benchmarks build the same app from here.</summary>
public static class HelloHttpApp
{
    /// <summary>The CloudEvent type the event function handles.</summary>
    public const string OrderPlacedType = "com.example.order.placed";

    /// <summary>The type of the reply event.</summary>
    public const string OrderConfirmedType = "com.example.order.confirmed";

    /// <summary>Registers JSON metadata, builds the app and maps the functions.</summary>
    /// <param name="builder">A builder with the platform hosts already added.</param>
    /// <returns>The app.</returns>
    public static FunctionApp Build(FunctionAppBuilder builder)
    {
        // Deferred: the context is created when a function first needs JSON metadata (cold start).
        builder.AddJsonContext(() => SampleJsonContext.Default);

        // An instance, not a type: nothing is activated through reflection when the event first arrives.
        builder.Services.AddSingleton(new OrderConfirmations("/samples/hello-http"));
        var app = builder.Build();

        // GET /hello?name=Ada → 200 text/plain (raw HTTP function).
        app.MapGet("/hello", (request, context) =>
        {
            var name = request.Query.TryGetValue("name", out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString() : "world";
            return Task.FromResult(FunctionResponse.Text($"Hello, {name}!"));
        }).WithName("hello");

        // POST /orders {"id":"o-1","quantity":2} → 200 JSON receipt (typed JSON function).
        app.MapPost<Order, OrderReceipt>("/orders", (order, context) =>
        {
            if (string.IsNullOrWhiteSpace(order.Id) || order.Quantity < 1)
            {
                throw FunctionProblemException.BadRequest("An order needs a non-empty 'id' and a 'quantity' of at least 1.");
            }

            context.Logger.LogOrderAccepted(order.Id, order.Quantity);
            return Task.FromResult(new OrderReceipt(order.Id, order.Quantity, "accepted"));
        }).WithName("orders");

        // CloudEvent com.example.order.placed (binary or structured, POSTed to /) → reply com.example.order.confirmed.
        // The handler declares the service it needs; the source generator resolves it from the invocation's scope.
        app.MapEvent(OrderPlacedType, (CloudEvent<OrderPlaced> cloudEvent, OrderConfirmations confirmations, FunctionContext context) =>
        {
            context.Logger.LogOrderPlaced(cloudEvent.Data.OrderId, cloudEvent.Source);
            return confirmations.Confirm(cloudEvent);
        }).WithName("order-placed");

        return app;
    }
}
