namespace MultiCloudShop.Payments;

/// <summary>The payment service provider (Stripe, Adyen, ...), called with an idempotency key.</summary>
public interface IPaymentProvider
{
    /// <summary>
    /// Charges the customer. Called twice with one <paramref name="idempotencyKey"/>, the provider charges
    /// once and returns the same charge id, as Stripe's <c>Idempotency-Key</c> header does: this covers a
    /// crash between the charge and the store's update, which the store alone cannot.
    /// </summary>
    /// <param name="payment">What to charge.</param>
    /// <param name="idempotencyKey">The event's key.</param>
    /// <param name="cancellationToken">The invocation's token.</param>
    /// <returns>The charge id.</returns>
    Task<string> ChargeAsync(PaymentRequested payment, string idempotencyKey, CancellationToken cancellationToken);
}
