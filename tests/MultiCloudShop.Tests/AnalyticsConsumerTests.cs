using System.Text;
using MultiCloudShop;
using MultiCloudShop.Analytics;
using Microsoft.Extensions.DependencyInjection;
using Portable.Functions;
using Portable.Functions.Hosting;
using Portable.Functions.Testing;

namespace MultiCloudShop.Tests;

/// <summary>The analytics consumer: batches settle per message through the core's success / retry / drop.</summary>
public sealed class AnalyticsConsumerTests : IAsyncLifetime
{
    private FunctionTestHost _host = null!;

    private ISalesAnalytics Sales => _host.Services.GetRequiredService<ISalesAnalytics>();

    public Task InitializeAsync()
    {
        _host = FunctionTestHost.Create(ShopApp.Build, o => o.Configuration[ShopApp.FunctionsKey] = ShopApp.Analytics);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task BatchWithPartialFailures_SettlesEachMessageOnItsOwn()
    {
        var counted = _host.Event(ShopApp.OrderPlacedType, new OrderPlaced("o-1", "c-1", 49.00m, "EUR"));
        var early = _host.Event(ShopApp.OrderCancelledType, new OrderCancelled("o-2", "changed mind"));
        var impossible = _host.Event(ShopApp.OrderPlacedType, new OrderPlaced("o-3", "c-1", -1m, "EUR"));
        var cancelled = _host.Event(ShopApp.OrderCancelledType, new OrderCancelled("o-1", "out of stock"));

        var result = await _host.SendBatchAsync([counted, early, impossible, cancelled]);

        Assert.Equal([EventOutcome.Success, EventOutcome.Retry, EventOutcome.Drop, EventOutcome.Success], result.Items.Select(i => i.Outcome));
        Assert.Equal(early.Id, Assert.Single(result.Retries()).Id);
        var summary = await Sales.SummarizeAsync(CancellationToken.None);
        Assert.Equal((1, 1), (summary.Placed, summary.Cancelled));
        Assert.Empty(summary.Revenue);
    }

    [Fact]
    public async Task OrderedBatch_StopsAtTheFirstRetry_AndLeavesTheRestUninvoked()
    {
        // FIFO queues and streams keep order: a message retried holds back those behind it.
        var early = _host.Event(ShopApp.OrderCancelledType, new OrderCancelled("o-9", "changed mind"));
        var later = _host.Event(ShopApp.OrderPlacedType, new OrderPlaced("o-10", "c-1", 10m, "GBP"));

        var result = await _host.SendBatchAsync([early, later], BatchOrdering.Ordered);

        Assert.Equal([EventOutcome.Retry, EventOutcome.Retry], result.Items.Select(i => i.Outcome));
        Assert.False(result.Items[1].Invoked);
        Assert.Equal(0, (await Sales.SummarizeAsync(CancellationToken.None)).Placed);
    }

    [Fact]
    public async Task RedeliveredPlacement_IsCountedOnce()
    {
        var placed = _host.Event(ShopApp.OrderPlacedType, new OrderPlaced("o-1", "c-1", 20m, "USD"));

        Assert.Equal(EventOutcome.Success, (await _host.SendEventAsync(placed)).Outcome);
        Assert.Equal(EventOutcome.Success, (await _host.SendEventAsync(placed)).Outcome);

        var summary = await Sales.SummarizeAsync(CancellationToken.None);
        Assert.Equal(1, summary.Placed);
        Assert.Equal(20m, summary.Revenue["USD"]);
    }

    [Fact]
    public async Task UndeserializableData_IsNotAcknowledged()
    {
        var broken = new CloudEvent("e-1", "/tests", ShopApp.OrderPlacedType) { DataContentType = "application/json", Data = Encoding.UTF8.GetBytes("{\"orderId\":\"o-1\"}") };

        var result = await _host.SendEventAsync(broken);

        Assert.Equal(EventOutcome.Retry, result.Outcome);
        Assert.Equal(400, result.Error!.StatusCode);
    }

    [Fact]
    public async Task PubSubDelivery_IsUnwrapped_AsEventarcSendsIt()
    {
        // On Google the function is the Cloud Run service's one target and gets Eventarc's envelope.
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"orderId\":\"o-7\",\"customerId\":\"c-1\",\"total\":12.5,\"currency\":\"EUR\"}"));
        var envelope = new CloudEvent("1234567890", "//pubsub.googleapis.com/projects/shop/topics/analytics-order-placed", "google.cloud.pubsub.topic.v1.messagePublished")
        {
            DataContentType = "application/json",
            Data = Encoding.UTF8.GetBytes($"{{\"message\":{{\"data\":\"{data}\",\"messageId\":\"1234567890\"}},\"subscription\":\"projects/shop/subscriptions/eventarc\"}}"),
        };
        var target = _host.App.Functions.Single(f => f.Name == "analytics-order-placed");

        var result = await _host.SendEventAsync(envelope, new InvocationOptions { Target = target });

        Assert.Equal(EventOutcome.Success, result.Outcome);
        Assert.Equal(12.5m, (await Sales.SummarizeAsync(CancellationToken.None)).Revenue["EUR"]);
    }

    [Fact]
    public async Task PubSubDelivery_WithDataThatIsNotBase64_IsNotAcknowledged()
    {
        var envelope = new CloudEvent("1", "//pubsub.googleapis.com/projects/shop/topics/t", "google.cloud.pubsub.topic.v1.messagePublished")
        {
            DataContentType = "application/json",
            Data = Encoding.UTF8.GetBytes("{\"message\":{\"data\":\"%%%\"}}"),
        };
        var target = _host.App.Functions.Single(f => f.Name == "analytics-order-placed");

        var result = await _host.SendEventAsync(envelope, new InvocationOptions { Target = target });

        Assert.Equal(EventOutcome.Retry, result.Outcome);
        Assert.Equal("The Pub/Sub message's data is not base64.", result.Error!.Detail);
    }
}
