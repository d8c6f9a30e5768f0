using Microsoft.Extensions.Logging;

namespace PortableEvents;

/// <summary>Log messages generated at compile time (no boxing, no parsing of the template per call).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Order {OrderId}: {Quantity} x {Sku} reserved")]
    public static partial void OrderReserved(this ILogger logger, string orderId, string sku, int quantity);
}
