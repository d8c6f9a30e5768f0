namespace HybridGateway.Backend;

/// <summary>Stock held for a caller.</summary>
/// <param name="Id">Reservation id (<c>res_…</c>).</param>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many are held.</param>
/// <param name="Remaining">Stock left after this reservation.</param>
public sealed record Reservation(string Id, string Sku, int Quantity, int Remaining);
