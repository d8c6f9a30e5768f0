using Microsoft.Extensions.DependencyInjection;
using MultiCloudShop.Payments;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Knative;
using Portable.Functions.Testing;

namespace MultiCloudShop.Tests;

/// <summary>
/// The shop as each platform delivers to it: native payloads through the adapters' real mappings, in
/// memory (Portable.Functions.Testing's <c>Native(...)</c>), answered the way the platform expects.
/// </summary>
public sealed class NativePayloadTests
{
    private readonly SimulatedPaymentProvider _provider = new();

    [Fact]
    public async Task Orders_ThroughApiGatewayHttpApi_AnswerInTheHttpApiShape()
    {
        await using var host = Host(ShopApp.Orders);

        var placed = (await host.Native("aws").InvokeAsync(AwsEvents.HttpApiRequest(
            "POST", "/orders", """{"customerId":"c-1","currency":"EUR","lines":[{"sku":"MUG-01","quantity":2}]}""", Json))).AsAws();
        var broken = (await host.Native("aws").InvokeAsync(AwsEvents.HttpApiRequest(
            "POST", "/orders", """{"customerId":"c-1","currency":"XXX","lines":[{"sku":"MUG-01","quantity":2}]}""", Json))).AsAws();

        Assert.False(placed.IsError);
        Assert.Equal(200, placed.StatusCode);
        Assert.StartsWith("ord_", placed.ReadBodyAsJson().GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(422, broken.StatusCode);
        Assert.StartsWith("application/problem+json", broken.Header("content-type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyticsSqsBatch_OnlyTheEarlyCancellationIsInBatchItemFailures()
    {
        await using var host = Host(ShopApp.Analytics);

        // SQS carries each order event as a structured CloudEvent in the message body.
        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.Sqs(
            ("m-placed", Event("e-1", ShopApp.OrderPlacedType, """{"orderId":"o-1","customerId":"c-1","total":20.0,"currency":"EUR"}""")),
            ("m-early", Event("e-2", ShopApp.OrderCancelledType, """{"orderId":"o-2","reason":"changed mind"}""")),
            ("m-impossible", Event("e-3", ShopApp.OrderPlacedType, """{"orderId":"o-3","customerId":"c-1","total":-1,"currency":"EUR"}"""))))).AsAws();

        Assert.False(answer.IsError);
        Assert.Equal(["m-early"], answer.BatchItemFailures);
    }

    [Fact]
    public async Task Payments_KnativeRedelivery_IsChargedOnce_AndBothDeliveriesAreAcknowledged()
    {
        await using var host = Host(ShopApp.Payments);
        var delivery = KnativeEvents.Binary(ShopApp.PaymentRequestedType, """{"orderId":"o-1","customerId":"c-1","amount":49,"currency":"EUR"}""", id: "pay-1", source: "/shop/orders");

        var first = await host.Native("knative").InvokeAsync(delivery);
        var again = await host.Native("knative").InvokeAsync(delivery);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, again.StatusCode);
        Assert.Equal(ShopApp.PaymentCapturedType, first.Headers.GetFirst("ce-type"));
        Assert.Equal(1, _provider.Charges);
    }

    private static readonly Dictionary<string, string> Json = new() { ["content-type"] = "application/json" };

    private static string Event(string id, string type, string dataJson) =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"/shop/orders","type":"{{type}}","datacontenttype":"application/json","data":{{dataJson}}}""";

    private FunctionTestHost Host(string functions) => FunctionTestHost.Create(
        builder =>
        {
            builder.UseAws();
            builder.UseKnative();
            return ShopApp.Build(builder);
        },
        options =>
        {
            options.Configuration[ShopApp.FunctionsKey] = functions;
            options.ConfigureServices = services => services.AddSingleton<IPaymentProvider>(_provider);
        });
}
