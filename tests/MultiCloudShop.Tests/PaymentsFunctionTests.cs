using MultiCloudShop;
using MultiCloudShop.Payments;
using Microsoft.Extensions.DependencyInjection;
using Portable.Functions;
using Portable.Functions.Hosting;
using Portable.Functions.Testing;

namespace MultiCloudShop.Tests;

/// <summary>The payments function charges once per event, however often the event is delivered.</summary>
public sealed class PaymentsFunctionTests : IAsyncLifetime
{
    private readonly SimulatedPaymentProvider _provider = new();
    private FunctionTestHost _host = null!;

    private IPaymentStore Store => _host.Services.GetRequiredService<IPaymentStore>();

    public Task InitializeAsync()
    {
        _host = FunctionTestHost.Create(ShopApp.Build, o =>
        {
            o.Configuration[ShopApp.FunctionsKey] = ShopApp.Payments;
            o.ConfigureServices = s => s.AddSingleton<IPaymentProvider>(_provider);
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RedeliveredRequest_IsChargedOnce_AndAnsweredTheSame()
    {
        var request = _host.Event(ShopApp.PaymentRequestedType, new PaymentRequested("o-1", "c-1", 49m, "EUR"));

        var first = await _host.SendEventAsync(request);
        var again = await _host.SendEventAsync(request, new InvocationOptions { DeliveryAttempt = 2 });

        Assert.Equal(EventOutcome.Success, first.Outcome);
        Assert.Equal(EventOutcome.Success, again.Outcome);
        Assert.Equal(1, _provider.Calls);
        Assert.Equal(first.Reply!.Id, again.Reply!.Id);
        Assert.Equal(ShopApp.PaymentCapturedType, first.Reply.Type);
        var captured = System.Text.Json.JsonSerializer.Deserialize(first.Reply.Data.Span, ShopJsonContext.Default.PaymentCaptured)!;
        var replayed = System.Text.Json.JsonSerializer.Deserialize(again.Reply.Data.Span, ShopJsonContext.Default.PaymentCaptured)!;
        Assert.Equal(captured.ChargeId, replayed.ChargeId);
        Assert.Contains(_host.Logs, l => l.Message.Contains("was already captured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameIdFromAnotherSource_IsAnotherEvent_AndIsCharged()
    {
        // CloudEvents: source + id identify an event; two producers may both use id "1".
        var data = _host.Event(ShopApp.PaymentRequestedType, new PaymentRequested("o-1", "c-1", 5m, "EUR")).Data;
        var fromShop = new CloudEvent("1", "/shop/orders", ShopApp.PaymentRequestedType) { DataContentType = "application/json", Data = data };
        var fromBackOffice = new CloudEvent("1", "/back-office", ShopApp.PaymentRequestedType) { DataContentType = "application/json", Data = data };

        await _host.SendEventAsync(fromShop);
        await _host.SendEventAsync(fromBackOffice);

        Assert.Equal(2, _provider.Charges);
    }

    [Fact]
    public async Task RequestLeftPendingByACrash_IsChargedAgainWithTheSameKey_SoTheProviderChargesOnce()
    {
        var request = _host.Event(ShopApp.PaymentRequestedType, new PaymentRequested("o-2", "c-1", 30m, "GBP"));
        var key = request.Source + " " + request.Id;

        // An earlier delivery claimed the request and charged, then died before recording the capture.
        Assert.True(await Store.TryCreateAsync(new PaymentRecord(key, "o-2", 30m, "GBP", PaymentStatus.Pending, null), CancellationToken.None));
        var chargedBeforeTheCrash = await _provider.ChargeAsync(new PaymentRequested("o-2", "c-1", 30m, "GBP"), key, CancellationToken.None);

        var result = await _host.SendEventAsync(request);

        Assert.Equal(EventOutcome.Success, result.Outcome);
        Assert.Equal(2, _provider.Calls);
        Assert.Equal(1, _provider.Charges);
        var record = await Store.FindAsync(key, CancellationToken.None);
        Assert.Equal((PaymentStatus.Captured, chargedBeforeTheCrash), (record!.Status, record.ChargeId));
    }

    [Fact]
    public async Task ImpossibleAmount_IsDropped_AndNothingIsCharged()
    {
        var result = await _host.SendEventAsync(_host.Event(ShopApp.PaymentRequestedType, new PaymentRequested("o-3", "c-1", 0m, "EUR")));

        Assert.Equal(EventOutcome.Drop, result.Outcome);
        Assert.Equal(0, _provider.Calls);
    }

    [Fact]
    public async Task DeadlinePassed_IsRetried_AndTheClaimStaysPending()
    {
        var request = _host.Event(ShopApp.PaymentRequestedType, new PaymentRequested("o-4", "c-1", 12m, "USD"));

        // The token has fired before the handler reaches the provider: the delivery fails and is retried.
        var result = await _host.SendEventAsync(request, new InvocationOptions { Deadline = DateTimeOffset.UtcNow });

        Assert.Equal(EventOutcome.Retry, result.Outcome);
        Assert.Equal(0, _provider.Calls);
        Assert.Equal(PaymentStatus.Pending, (await Store.FindAsync(request.Source + " " + request.Id, CancellationToken.None))!.Status);
    }
}
