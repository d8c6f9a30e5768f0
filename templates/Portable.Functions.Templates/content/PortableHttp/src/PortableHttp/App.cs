using Portable.Functions;

namespace PortableHttp;

/// <summary>The app's functions: <c>Program.cs</c> runs them on a platform, the tests call them in process.</summary>
public static class App
{
    /// <summary>Registers the JSON metadata, builds the app and maps the functions.</summary>
    /// <param name="builder">A builder (with the platform hosts already added, in <c>Program.cs</c>).</param>
    /// <returns>The app.</returns>
    public static FunctionApp Build(FunctionAppBuilder builder)
    {
        // Source-generated JSON metadata (no reflection, Native AOT safe), created when first needed.
        builder.AddJsonContext(() => AppJsonContext.Default);
        var app = builder.Build();

        // Raw HTTP function: GET /hello?name=Ada → 200 text/plain "Hello, Ada!".
        app.MapGet("/hello", (request, context) =>
        {
            var name = request.Query.TryGetValue("name", out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString() : "world";
            return Task.FromResult(FunctionResponse.Text($"Hello, {name}!"));
        }).WithName("hello");

        // Typed JSON function: POST /orders {"id":"o-1","quantity":2} → 200 {"id":"o-1","quantity":2,"status":"accepted"}.
        // Invalid JSON or the wrong content type is answered 400/415 before the handler runs.
        app.MapPost<Order, OrderReceipt>("/orders", (order, context) =>
        {
            if (string.IsNullOrWhiteSpace(order.Id) || order.Quantity < 1)
            {
                // 400 application/problem+json with this detail (the caller sees it: no internals here).
                throw FunctionProblemException.BadRequest("An order needs a non-empty 'id' and a 'quantity' of at least 1.");
            }

            context.Logger.OrderAccepted(order.Id, order.Quantity);
            return Task.FromResult(new OrderReceipt(order.Id, order.Quantity, "accepted"));
        }).WithName("orders");

        return app;
    }
}
