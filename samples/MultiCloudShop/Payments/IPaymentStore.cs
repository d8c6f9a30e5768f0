namespace MultiCloudShop.Payments;

/// <summary>
/// Remembers which payment requests were handled, so a redelivered event is not charged twice. The one
/// operation that matters is an atomic create-if-absent keyed by the event: DynamoDB <c>PutItem</c> with
/// <c>attribute_not_exists(pk)</c>, Firestore <c>create()</c> (fails with ALREADY_EXISTS), Cosmos DB
/// <c>CreateItem</c> with the key as <c>id</c> (409 Conflict), SQL <c>INSERT</c> on a primary key.
/// </summary>
public interface IPaymentStore
{
    /// <summary>Stores <paramref name="record"/> unless a record with its key exists (atomically).</summary>
    /// <param name="record">A pending record.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>True when this call created it (the first delivery); false when it existed.</returns>
    Task<bool> TryCreateAsync(PaymentRecord record, CancellationToken cancellationToken);

    /// <summary>Reads a record.</summary>
    /// <param name="eventKey">The event's key.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    Task<PaymentRecord?> FindAsync(string eventKey, CancellationToken cancellationToken);

    /// <summary>Marks a record captured with the provider's charge id.</summary>
    /// <param name="eventKey">The event's key.</param>
    /// <param name="chargeId">The charge id.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>A task that completes when the record is updated.</returns>
    /// <exception cref="InvalidOperationException">No record has that key.</exception>
    Task MarkCapturedAsync(string eventKey, string chargeId, CancellationToken cancellationToken);
}
