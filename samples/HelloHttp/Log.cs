using Microsoft.Extensions.Logging;

namespace HelloHttp;

/// <summary>Source-generated log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Order {OrderId} accepted, quantity {Quantity}")]
    public static partial void LogOrderAccepted(this ILogger logger, string orderId, int quantity);

    [LoggerMessage(2, LogLevel.Information, "Order {OrderId} placed by {Source}")]
    public static partial void LogOrderPlaced(this ILogger logger, string orderId, string source);
}
