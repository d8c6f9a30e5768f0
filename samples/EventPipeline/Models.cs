namespace EventPipeline;

/// <summary>Data of a <c>com.example.order.placed</c> event, as the order service writes it to Kafka.</summary>
/// <param name="OrderId">Order id (non-empty).</param>
/// <param name="Quantity">Quantity, at least 1.</param>
/// <param name="UnitPrice">Price per item, not negative.</param>
public sealed record OrderPlaced(string OrderId, int Quantity, decimal UnitPrice);

/// <summary>Data of the <c>com.example.order.processed</c> reply.</summary>
/// <param name="OrderId">Order id.</param>
/// <param name="Total">Quantity × unit price.</param>
/// <param name="Status">Always <c>processed</c>.</param>
public sealed record OrderProcessed(string OrderId, decimal Total, string Status);
