namespace MultiCloudShop.Payments;

/// <summary>Data of a <c>com.example.shop.payment.requested</c> CloudEvent.</summary>
/// <param name="OrderId">The order to charge for.</param>
/// <param name="CustomerId">The customer charged.</param>
/// <param name="Amount">Amount, more than 0.</param>
/// <param name="Currency">ISO 4217 code.</param>
public sealed record PaymentRequested(string OrderId, string CustomerId, decimal Amount, string Currency);
