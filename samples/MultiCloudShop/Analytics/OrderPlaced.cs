namespace MultiCloudShop.Analytics;

/// <summary>Data of a <c>com.example.shop.order.placed</c> CloudEvent.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Total">Order total, not negative.</param>
/// <param name="Currency">ISO 4217 code.</param>
public sealed record OrderPlaced(string OrderId, string CustomerId, decimal Total, string Currency);
