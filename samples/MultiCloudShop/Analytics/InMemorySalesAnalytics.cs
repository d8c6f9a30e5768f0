namespace MultiCloudShop.Analytics;

/// <summary>The sample's analytics store: one process's memory, keyed by order id.</summary>
public sealed class InMemorySalesAnalytics : ISalesAnalytics
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OrderPlaced> _placed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cancelled = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> RecordPlacedAsync(OrderPlaced placed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placed);
        lock (_gate)
        {
            return Task.FromResult(_placed.TryAdd(placed.OrderId, placed));
        }
    }

    /// <inheritdoc />
    public Task<bool> RecordCancelledAsync(OrderCancelled cancelled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancelled);
        lock (_gate)
        {
            if (!_placed.ContainsKey(cancelled.OrderId))
            {
                return Task.FromResult(false);
            }

            _cancelled.Add(cancelled.OrderId);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<SalesSummary> SummarizeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var revenue = _placed.Values
                .Where(p => !_cancelled.Contains(p.OrderId))
                .GroupBy(p => p.Currency, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(p => p.Total), StringComparer.Ordinal);
            return Task.FromResult(new SalesSummary(_placed.Count, _cancelled.Count, revenue));
        }
    }
}
