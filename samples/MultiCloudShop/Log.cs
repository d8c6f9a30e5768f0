using Microsoft.Extensions.Logging;

namespace MultiCloudShop;

/// <summary>Source-generated log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Order {OrderId} placed: {Lines} line(s), {Total} {Currency}")]
    public static partial void LogOrderPlaced(this ILogger logger, string orderId, int lines, decimal total, string currency);

    [LoggerMessage(2, LogLevel.Information, "Payment for order {OrderId} captured as {ChargeId}")]
    public static partial void LogPaymentCaptured(this ILogger logger, string orderId, string chargeId);

    [LoggerMessage(3, LogLevel.Information, "Payment request {EventId} for order {OrderId} was already captured as {ChargeId}: not charged again")]
    public static partial void LogDuplicatePayment(this ILogger logger, string eventId, string orderId, string chargeId);

    [LoggerMessage(4, LogLevel.Warning, "Payment request {EventId} for order {OrderId} was begun before and not finished: charging again with the same idempotency key")]
    public static partial void LogResumedPayment(this ILogger logger, string eventId, string orderId);
}
