using Portable.Functions;

namespace HybridGateway.Backend;

/// <summary>The sample's inventory: stock levels in one process's memory.</summary>
public sealed class InMemoryInventory : IInventory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _stock;

    /// <summary>Creates an inventory with the stock given.</summary>
    /// <param name="stock">Units per SKU.</param>
    public InMemoryInventory(IEnumerable<KeyValuePair<string, int>> stock) => _stock = new Dictionary<string, int>(stock, StringComparer.Ordinal);

    /// <summary>The sample's stock: three SKUs.</summary>
    /// <returns>A new inventory.</returns>
    public static InMemoryInventory CreateSample() => new([new("MUG-01", 40), new("TEE-42", 12), new("CAP-07", 3)]);

    /// <inheritdoc />
    public Task<int?> AvailableAsync(string sku, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_stock.TryGetValue(sku, out var available) ? available : (int?)null);
        }
    }

    /// <inheritdoc />
    public Task<Reservation> ReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Quantity < 1)
        {
            throw new FunctionProblemException(422, "Unprocessable Entity", "'quantity' must be at least 1.");
        }

        lock (_gate)
        {
            if (!_stock.TryGetValue(request.Sku, out var available))
            {
                throw new FunctionProblemException(404, "Not Found", "No product has that SKU.");
            }

            if (available < request.Quantity)
            {
                throw new FunctionProblemException(409, "Conflict", $"Only {available} left.");
            }

            _stock[request.Sku] = available - request.Quantity;
            return Task.FromResult(new Reservation("res_" + Guid.CreateVersion7().ToString("N"), request.Sku, request.Quantity, available - request.Quantity));
        }
    }
}
