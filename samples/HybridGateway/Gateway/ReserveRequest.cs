namespace HybridGateway.Gateway;

/// <summary>
/// The body of the gateway's <c>POST /reservations</c>: the gateway's own copy of the contract (services
/// share a wire format, not an assembly).
/// </summary>
/// <param name="Sku">The product: 3 to 32 upper-case letters, digits or '-'.</param>
/// <param name="Quantity">From 1 to 10 per reservation.</param>
public sealed record ReserveRequest(string Sku, int Quantity);
