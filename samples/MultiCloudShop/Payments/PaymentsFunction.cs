using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions;

namespace MultiCloudShop.Payments;

/// <summary>
/// The payments function: charges once per payment request, however often the platform delivers it.
/// Every platform here delivers at least once (SQS, Pub/Sub, Event Grid, Knative all redeliver after a
/// timeout or a lost acknowledgement), so the function is idempotent on the event's key (source + id).
/// </summary>
internal static class PaymentsFunction
{
    private const string ReplySource = "/shop/payments";

    public static void Map(FunctionApp app)
    {
        app.MapEvent(ShopApp.PaymentRequestedType, async (CloudEvent cloudEvent, IPaymentStore store, IPaymentProvider provider, FunctionContext context) =>
        {
            var request = EventData.Read(cloudEvent, ShopJsonContext.Default.PaymentRequested);
            if (request.Amount <= 0 || request.Currency.Length != 3)
            {
                throw new DropEventException($"Payment request for order {request.OrderId} has a non-positive amount or a currency that is not an ISO 4217 code.");
            }

            var key = cloudEvent.Source + " " + cloudEvent.Id;
            var token = context.CancellationToken;

            // 1. Claim the event atomically before charging: of two deliveries, one creates the record.
            var pending = new PaymentRecord(key, request.OrderId, request.Amount, request.Currency, PaymentStatus.Pending, null);
            if (!await store.TryCreateAsync(pending, token))
            {
                var existing = await store.FindAsync(key, token)
                    ?? throw new InvalidOperationException($"The payment record {key} vanished between create and read.");
                if (existing is { Status: PaymentStatus.Captured, ChargeId: { } charged })
                {
                    // A redelivery of a handled request: answer as the first time, charge nothing.
                    context.Logger.LogDuplicatePayment(cloudEvent.Id, request.OrderId, charged);
                    return Captured(cloudEvent, request, charged);
                }

                // Claimed but not finished: an earlier delivery failed (or is running) between claim and
                // capture. The provider's idempotency key makes charging again safe.
                context.Logger.LogResumedPayment(cloudEvent.Id, request.OrderId);
            }

            // 2. Charge with the event's key as idempotency key; 3. record the capture.
            var chargeId = await provider.ChargeAsync(request, key, token);
            await store.MarkCapturedAsync(key, chargeId, token);
            context.Logger.LogPaymentCaptured(request.OrderId, chargeId);
            return Captured(cloudEvent, request, chargeId);
        }).WithName("payments");
    }

    // The reply's id derives from the request's, so a redelivery's reply is the same event (deduplicated downstream).
    private static CloudEvent Captured(CloudEvent request, PaymentRequested payment, string chargeId) =>
        new(request.Id + ".captured", ReplySource, ShopApp.PaymentCapturedType)
        {
            Subject = payment.OrderId,
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToUtf8Bytes(new PaymentCaptured(payment.OrderId, chargeId, payment.Amount, payment.Currency), ShopJsonContext.Default.PaymentCaptured),
        };
}
