namespace MultiCloudShop.Orders;

/// <summary>The body of <c>POST /orders</c>. Prices are not sent: they come from the price list.</summary>
/// <param name="CustomerId">The customer (1 to 64 characters).</param>
/// <param name="Currency">ISO 4217 code the customer pays in (one the price list has).</param>
/// <param name="Lines">1 to 50 lines, each SKU once.</param>
public sealed record PlaceOrder(string CustomerId, string Currency, IReadOnlyList<OrderLine> Lines);
