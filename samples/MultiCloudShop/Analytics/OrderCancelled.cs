namespace MultiCloudShop.Analytics;

/// <summary>Data of a <c>com.example.shop.order.cancelled</c> CloudEvent.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Reason">Why it was cancelled.</param>
public sealed record OrderCancelled(string OrderId, string Reason);
