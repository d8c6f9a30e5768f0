using System.Collections.Frozen;

namespace MultiCloudShop.Orders;

/// <summary>
/// Unit prices per SKU and currency. The API prices orders itself: a client-sent price is never trusted.
/// A real shop reads this from its catalogue service; the sample ships a fixed one.
/// </summary>
public sealed class PriceList
{
    private readonly FrozenDictionary<(string Sku, string Currency), decimal> _prices;

    /// <summary>Creates a price list.</summary>
    /// <param name="prices">Unit price per (SKU, currency); SKUs match exactly, currencies are upper-case ISO 4217 codes.</param>
    public PriceList(IEnumerable<KeyValuePair<(string Sku, string Currency), decimal>> prices)
    {
        _prices = prices.ToFrozenDictionary();
        Currencies = _prices.Keys.Select(k => k.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The sample's catalogue: three SKUs in EUR, USD and GBP.</summary>
    public static PriceList Default { get; } = new(
    [
        new(("MUG-01", "EUR"), 12.50m), new(("MUG-01", "USD"), 13.90m), new(("MUG-01", "GBP"), 10.90m),
        new(("TEE-42", "EUR"), 24.00m), new(("TEE-42", "USD"), 26.50m), new(("TEE-42", "GBP"), 21.00m),
        new(("CAP-07", "EUR"), 18.00m), new(("CAP-07", "USD"), 19.90m), new(("CAP-07", "GBP"), 15.50m),
    ]);

    /// <summary>The currencies the list has prices in, sorted.</summary>
    public IReadOnlyList<string> Currencies { get; }

    /// <summary>Whether the list prices anything in <paramref name="currency"/>.</summary>
    /// <param name="currency">ISO 4217 code.</param>
    /// <returns>True when it does.</returns>
    public bool HasCurrency(string currency) => Currencies.Contains(currency, StringComparer.Ordinal);

    /// <summary>Looks up a unit price.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="currency">ISO 4217 code.</param>
    /// <param name="price">The unit price when found.</param>
    /// <returns>False when the SKU is not sold in that currency.</returns>
    public bool TryGetPrice(string sku, string currency, out decimal price) => _prices.TryGetValue((sku, currency), out price);
}
