using System.Collections.Concurrent;

namespace MultiCloudShop.Orders;

/// <summary>
/// The sample's order store: one process's memory, so each function instance has its own. Fine for local
/// runs and tests; deployed, put a managed store behind <see cref="IOrderStore"/>.
/// </summary>
public sealed class InMemoryOrderStore : IOrderStore
{
    private readonly ConcurrentDictionary<string, Order> _orders = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AddAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return _orders.TryAdd(order.Id, order)
            ? Task.CompletedTask
            : throw new InvalidOperationException($"Order {order.Id} exists.");
    }

    /// <inheritdoc />
    public Task<Order?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_orders.GetValueOrDefault(id));
}
