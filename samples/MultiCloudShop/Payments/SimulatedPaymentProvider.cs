using System.Collections.Concurrent;

namespace MultiCloudShop.Payments;

/// <summary>
/// A stand-in payment provider that charges nobody: it hands out charge ids, deduplicates by idempotency
/// key as real providers do, and counts the calls it got (the tests read <see cref="Calls"/>).
/// </summary>
public sealed class SimulatedPaymentProvider : IPaymentProvider
{
    private readonly ConcurrentDictionary<string, string> _charges = new(StringComparer.Ordinal);
    private int _calls;

    /// <summary>How many times <see cref="ChargeAsync"/> was called.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>How many distinct charges were made.</summary>
    public int Charges => _charges.Count;

    /// <inheritdoc />
    public Task<string> ChargeAsync(PaymentRequested payment, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        return Task.FromResult(_charges.GetOrAdd(idempotencyKey, static _ => "ch_" + Guid.NewGuid().ToString("N")));
    }
}
