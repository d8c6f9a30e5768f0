namespace HybridGateway.Backend;

/// <summary>Stock levels and reservations (a database in production; in memory in the sample).</summary>
public interface IInventory
{
    /// <summary>Units available for a SKU.</summary>
    /// <param name="sku">The product.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>The count, or <see langword="null"/> for an unknown SKU.</returns>
    Task<int?> AvailableAsync(string sku, CancellationToken cancellationToken);

    /// <summary>Holds stock.</summary>
    /// <param name="request">What to hold.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>The reservation.</returns>
    /// <exception cref="Portable.Functions.FunctionProblemException">404 for an unknown SKU, 409 when not enough is left, 422 for a quantity below 1.</exception>
    Task<Reservation> ReserveAsync(ReservationRequest request, CancellationToken cancellationToken);
}
