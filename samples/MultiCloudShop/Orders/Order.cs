namespace MultiCloudShop.Orders;

/// <summary>An order as the API stores and returns it.</summary>
/// <param name="Id">Server-assigned id (<c>ord_…</c>).</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Lines">The ordered lines.</param>
/// <param name="Total">Sum of the lines at the price list's prices.</param>
/// <param name="Status"><c>placed</c>.</param>
/// <param name="PlacedAt">When the API accepted it.</param>
public sealed record Order(string Id, string CustomerId, string Currency, IReadOnlyList<OrderLine> Lines, decimal Total, string Status, DateTimeOffset PlacedAt);
