using Microsoft.Extensions.Logging;

namespace PortableHttp;

/// <summary>Log messages generated at compile time (no boxing, no parsing of the template per call).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Order {OrderId} accepted, quantity {Quantity}")]
    public static partial void OrderAccepted(this ILogger logger, string orderId, int quantity);
}
