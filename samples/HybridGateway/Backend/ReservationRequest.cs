namespace HybridGateway.Backend;

/// <summary>The body of <c>POST /reservations</c>.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many to hold.</param>
public sealed record ReservationRequest(string Sku, int Quantity);
