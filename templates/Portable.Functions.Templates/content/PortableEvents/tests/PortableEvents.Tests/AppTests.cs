using Microsoft.Extensions.DependencyInjection;
using Portable.Functions.Hosting;
using Portable.Functions.Testing;

namespace PortableEvents.Tests;

/// <summary>
/// The consumer called in process through the same pipeline every platform uses, with no server:
/// FunctionTestHost builds the app with App.Build, as Program.cs does, with the stock replaced.
/// </summary>
public sealed class AppTests
{
    private readonly InMemoryStock _stock = new(new Dictionary<string, int> { ["sku-1"] = 5 });

    [Fact]
    public async Task OrderInStock_IsReserved_AndAcknowledged()
    {
        await using var host = CreateHost();

        var result = await host.SendEventAsync(host.Event(App.OrderPlacedType, new OrderPlaced("o-1", "sku-1", 2)));

        Assert.Equal(EventOutcome.Success, result.Outcome);
        Assert.Equal(3, _stock.Available("sku-1"));
        Assert.Contains(host.Logs, line => line.Message.Contains("o-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OrderOutOfStock_IsRetried()
    {
        await using var host = CreateHost();

        var result = await host.SendEventAsync(host.Event(App.OrderPlacedType, new OrderPlaced("o-2", "sku-1", 6)));

        Assert.Equal(EventOutcome.Retry, result.Outcome);
        Assert.Equal(5, _stock.Available("sku-1"));
    }

    [Fact]
    public async Task OrderWithoutQuantity_IsDropped()
    {
        await using var host = CreateHost();

        var result = await host.SendEventAsync(host.Event(App.OrderPlacedType, new OrderPlaced("o-3", "sku-1", 0)));

        Assert.Equal(EventOutcome.Drop, result.Outcome);
        Assert.Contains("quantity", result.Error!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEventType_IsNotAcknowledged()
    {
        await using var host = CreateHost();

        var result = await host.SendEventAsync(host.Event("com.example.order.cancelled", new OrderPlaced("o-4", "sku-1", 1)));

        Assert.Equal(EventOutcome.Retry, result.Outcome);
    }

    // A queue delivers a batch (SQS, a Kinesis or Pub/Sub pull batch): each message succeeds, is retried or
    // is dropped on its own, and only the retried ones are redelivered (on SQS: batchItemFailures).
    [Fact]
    public async Task QueueBatch_RetriesOnlyTheMessageThatFailed()
    {
        await using var host = CreateHost();
        var inStock = host.Event(App.OrderPlacedType, new OrderPlaced("o-5", "sku-1", 1));
        var outOfStock = host.Event(App.OrderPlacedType, new OrderPlaced("o-6", "sku-1", 99));
        var invalid = host.Event(App.OrderPlacedType, new OrderPlaced("o-7", "", 1));

        var batch = await host.SendBatchAsync([inStock, outOfStock, invalid]);

        Assert.Equal([EventOutcome.Success, EventOutcome.Retry, EventOutcome.Drop], batch.Items.Select(item => item.Outcome));
        Assert.Equal([outOfStock.Id], batch.Retries().Select(item => item.Id));
        Assert.Equal(4, _stock.Available("sku-1"));
    }

    private FunctionTestHost CreateHost() =>
        FunctionTestHost.Create(App.Build, options => options.ConfigureServices = services => services.AddSingleton<IStock>(_stock));
}
