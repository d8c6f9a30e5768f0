namespace MultiCloudShop.Orders;

/// <summary>One line of an order: a catalogue SKU and how many.</summary>
/// <param name="Sku">The product's SKU (must be in the price list).</param>
/// <param name="Quantity">From 1 to 100.</param>
public sealed record OrderLine(string Sku, int Quantity);
