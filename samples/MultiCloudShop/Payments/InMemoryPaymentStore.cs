using System.Collections.Concurrent;

namespace MultiCloudShop.Payments;

/// <summary>
/// The sample's payment store: one process's memory. Deployed, each instance would have its own, and a
/// redelivery to another instance would charge again: put a shared store behind <see cref="IPaymentStore"/>.
/// </summary>
public sealed class InMemoryPaymentStore : IPaymentStore
{
    private readonly ConcurrentDictionary<string, PaymentRecord> _records = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> TryCreateAsync(PaymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Task.FromResult(_records.TryAdd(record.EventKey, record));
    }

    /// <inheritdoc />
    public Task<PaymentRecord?> FindAsync(string eventKey, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault(eventKey));

    /// <inheritdoc />
    public Task MarkCapturedAsync(string eventKey, string chargeId, CancellationToken cancellationToken)
    {
        var record = _records.GetValueOrDefault(eventKey) ?? throw new InvalidOperationException($"No payment record has the key {eventKey}.");
        _records[eventKey] = record with { Status = PaymentStatus.Captured, ChargeId = chargeId };
        return Task.CompletedTask;
    }
}
