namespace MultiCloudShop.Payments;

/// <summary>One payment request, stored under its event's key before anything is charged.</summary>
/// <param name="EventKey">The CloudEvent's <c>source</c> and <c>id</c> (unique per distinct event, by the spec): the idempotency key.</param>
/// <param name="OrderId">The order.</param>
/// <param name="Amount">Amount.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Status">Pending or captured.</param>
/// <param name="ChargeId">The provider's charge id once captured.</param>
public sealed record PaymentRecord(string EventKey, string OrderId, decimal Amount, string Currency, PaymentStatus Status, string? ChargeId);
