using Portable.Functions;

namespace MultiCloudShop.Orders;

/// <summary>The orders API: <c>POST /orders</c> (typed JSON) and <c>GET /orders/{id}</c>.</summary>
internal static class OrdersApi
{
    public static void Map(FunctionApp app)
    {
        // POST /orders {"customerId":"c-1","currency":"EUR","lines":[{"sku":"MUG-01","quantity":2}]} → 200 Order.
        // Malformed JSON, a missing property or a wrong type: 400 from the pipeline; a rule broken: 422.
        app.MapPost("/orders", async (PlaceOrder request, PriceList prices, IOrderStore store, TimeProvider clock, FunctionContext context) =>
        {
            var total = OrderValidator.Validate(request, prices);
            var order = new Order("ord_" + Guid.CreateVersion7().ToString("N"), request.CustomerId.Trim(), request.Currency, request.Lines, total, "placed", clock.GetUtcNow());
            await store.AddAsync(order, context.CancellationToken);
            context.Logger.LogOrderPlaced(order.Id, order.Lines.Count, order.Total, order.Currency);
            return order;
        }).WithName("orders-place");

        // GET /orders/ord_… → 200 Order, or 404 problem.
        app.MapGet("/orders/{id}", async (FunctionRequest request, IOrderStore store, FunctionContext context) =>
        {
            var order = await store.FindAsync(request.RouteValues["id"], context.CancellationToken)
                ?? throw new FunctionProblemException(404, "Not Found", "No order has that id.");
            return FunctionResponse.Json(order, ShopJsonContext.Default.Order);
        }).WithName("orders-get");
    }
}
