namespace MultiCloudShop.Analytics;

/// <summary>
/// Where the analytics consumer counts orders (BigQuery, Redshift, Synapse or a time-series store in
/// production). Recording is keyed by order id, so a redelivered event is not counted twice.
/// </summary>
public interface ISalesAnalytics
{
    /// <summary>Counts a placed order once.</summary>
    /// <param name="placed">The event's data.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>False when the order was already counted (a redelivery).</returns>
    Task<bool> RecordPlacedAsync(OrderPlaced placed, CancellationToken cancellationToken);

    /// <summary>Counts a cancellation of an order placed before.</summary>
    /// <param name="cancelled">The event's data.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>False when the order's placement has not been counted yet (events can arrive out of order).</returns>
    Task<bool> RecordCancelledAsync(OrderCancelled cancelled, CancellationToken cancellationToken);

    /// <summary>The counts so far.</summary>
    /// <param name="cancellationToken">A token.</param>
    /// <returns>The summary.</returns>
    Task<SalesSummary> SummarizeAsync(CancellationToken cancellationToken);
}
