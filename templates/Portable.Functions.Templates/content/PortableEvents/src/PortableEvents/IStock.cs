namespace PortableEvents;

/// <summary>The stock the consumer reserves from (a database or a service in a real app).</summary>
public interface IStock
{
    /// <summary>Takes <paramref name="quantity"/> items of <paramref name="sku"/> if that many are available.</summary>
    /// <param name="sku">The item.</param>
    /// <param name="quantity">How many.</param>
    /// <returns>True if they were reserved; false (and nothing taken) if not enough are in stock.</returns>
    bool TryReserve(string sku, int quantity);

    /// <summary>How many items of <paramref name="sku"/> are in stock.</summary>
    /// <param name="sku">The item.</param>
    /// <returns>The count (0 for an unknown item).</returns>
    int Available(string sku);
}
