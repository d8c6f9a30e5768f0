namespace HybridGateway.Backend;

/// <summary>The answer to <c>GET /stock/{sku}</c>.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Available">Units not reserved.</param>
public sealed record StockLevel(string Sku, int Available);
