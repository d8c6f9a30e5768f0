namespace PortableEvents;

/// <summary>Stock held in memory, safe for concurrent events (a platform may deliver several at once).</summary>
/// <param name="initial">The starting count per item.</param>
public sealed class InMemoryStock(IDictionary<string, int> initial) : IStock
{
    private readonly Dictionary<string, int> _counts = new(initial, StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public bool TryReserve(string sku, int quantity)
    {
        lock (_lock)
        {
            if (_counts.GetValueOrDefault(sku) < quantity)
            {
                return false;
            }

            _counts[sku] -= quantity;
            return true;
        }
    }

    /// <inheritdoc />
    public int Available(string sku)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(sku);
        }
    }
}
