namespace MultiCloudShop.Payments;

/// <summary>Data of the <c>com.example.shop.payment.captured</c> reply.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="ChargeId">The payment provider's charge id.</param>
/// <param name="Amount">Amount charged.</param>
/// <param name="Currency">ISO 4217 code.</param>
public sealed record PaymentCaptured(string OrderId, string ChargeId, decimal Amount, string Currency);
