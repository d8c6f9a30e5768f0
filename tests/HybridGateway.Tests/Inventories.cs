using HybridGateway.Backend;

namespace HybridGateway.Tests;

/// <summary>An inventory whose database is down: the backend answers 500.</summary>
internal sealed class BrokenInventory : IInventory
{
    public const string Secret = "Host=10.0.0.7;Password=hunter2";

    public Task<int?> AvailableAsync(string sku, CancellationToken cancellationToken) => throw new InvalidOperationException("connection failed: " + Secret);

    public Task<Reservation> ReserveAsync(ReservationRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("connection failed: " + Secret);
}

/// <summary>An inventory that never answers until its caller gives up.</summary>
internal sealed class HangingInventory : IInventory
{
    public async Task<int?> AvailableAsync(string sku, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public async Task<Reservation> ReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
