namespace MultiCloudShop.Orders;

/// <summary>Where placed orders are kept (DynamoDB, Firestore, Cosmos DB in production; see the README).</summary>
public interface IOrderStore
{
    /// <summary>Stores a new order.</summary>
    /// <param name="order">The order; its id is new.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>A task that completes when the order is stored.</returns>
    /// <exception cref="InvalidOperationException">An order with that id exists.</exception>
    Task AddAsync(Order order, CancellationToken cancellationToken);

    /// <summary>Finds an order by id.</summary>
    /// <param name="id">The order id.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>The order, or <see langword="null"/>.</returns>
    Task<Order?> FindAsync(string id, CancellationToken cancellationToken);
}
