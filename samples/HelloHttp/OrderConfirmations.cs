using System.Text.Json;
using Portable.Functions;

namespace HelloHttp;

/// <summary>Builds the reply to an order event: the service the event handler declares as a parameter.</summary>
/// <param name="source">The <c>source</c> of the reply events.</param>
internal sealed class OrderConfirmations(string source)
{
    /// <summary>The <c>com.example.order.confirmed</c> reply for a placed order.</summary>
    public CloudEvent Confirm(CloudEvent<OrderPlaced> placed) =>
        new(placed.Id + "-confirmed", source, HelloHttpApp.OrderConfirmedType)
        {
            DataContentType = "application/json",
            Subject = placed.Data.OrderId,
            Data = JsonSerializer.SerializeToUtf8Bytes(new OrderReceipt(placed.Data.OrderId, placed.Data.Quantity, "confirmed"), SampleJsonContext.Default.OrderReceipt),
        };
}
