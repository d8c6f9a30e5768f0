namespace PortableEvents;

/// <summary>The data of a <c>com.example.order.placed</c> CloudEvent.</summary>
/// <param name="OrderId">The order id.</param>
/// <param name="Sku">The item ordered.</param>
/// <param name="Quantity">How many, at least 1.</param>
public sealed record OrderPlaced(string OrderId, string Sku, int Quantity);
