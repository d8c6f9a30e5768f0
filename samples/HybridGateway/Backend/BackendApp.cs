using Microsoft.Extensions.DependencyInjection;
using Portable.Functions;

namespace HybridGateway.Backend;

/// <summary>The inventory service's functions; <c>Program.cs</c> and the tests build it here.</summary>
public static class BackendApp
{
    /// <summary>The port the service listens on locally when <c>PORT</c> is not set (the gateway takes 8080).</summary>
    public const int LocalPort = 8081;

    /// <summary>Registers the inventory and JSON metadata, builds the app and maps the functions.</summary>
    /// <param name="builder">A builder with the Knative host added.</param>
    /// <returns>The app.</returns>
    public static FunctionApp Build(FunctionAppBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddJsonContext(() => BackendJsonContext.Default);
        builder.Services.AddSingleton<IInventory>(InMemoryInventory.CreateSample());
        var app = builder.Build();

        // GET /stock/MUG-01 → 200 {"sku":"MUG-01","available":40}, or 404 problem.
        app.MapGet("/stock/{sku}", async (FunctionRequest request, IInventory inventory, FunctionContext context) =>
        {
            var sku = request.RouteValues["sku"];
            var available = await inventory.AvailableAsync(sku, context.CancellationToken)
                ?? throw new FunctionProblemException(404, "Not Found", "No product has that SKU.");
            return FunctionResponse.Json(new StockLevel(sku, available), BackendJsonContext.Default.StockLevel);
        }).WithName("stock");

        // POST /reservations {"sku":"MUG-01","quantity":2} → 200 reservation, 404 unknown SKU, 409 not enough stock.
        app.MapPost("/reservations", (ReservationRequest request, IInventory inventory, FunctionContext context) =>
            inventory.ReserveAsync(request, context.CancellationToken)).WithName("reserve");

        return app;
    }
}
