namespace MultiCloudShop.Analytics;

/// <summary>What the analytics consumer has counted.</summary>
/// <param name="Placed">Distinct orders placed.</param>
/// <param name="Cancelled">Distinct orders cancelled.</param>
/// <param name="Revenue">Revenue of placed, not cancelled orders, per currency.</param>
public sealed record SalesSummary(int Placed, int Cancelled, IReadOnlyDictionary<string, decimal> Revenue);
