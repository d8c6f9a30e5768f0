using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions;
using Portable.Functions.Hosting;
using Portable.Functions.Knative;
using Portable.Functions.Testing;

namespace EventPipeline.Tests;

/// <summary>
/// The sample's behaviour through the neutral test host (the same on every platform), and one native
/// delivery: a Knative KafkaSource request on a real loopback server. The AWS (MSK event) and Azure
/// (Kafka trigger payload) deliveries of this sample are tested in those adapters' test projects
/// (<c>EventPipelineSampleTests</c>), which can reach the adapters' dispatchers.
/// </summary>
public sealed class EventPipelineTests
{
    private static FunctionTestHost Host() => FunctionTestHost.Create(EventPipelineApp.Build);

    [Fact]
    public async Task ValidOrder_RepliesOrderProcessed_WithTheTotal()
    {
        await using var host = Host();

        var result = await host.SendEventAsync(host.Event(EventPipelineApp.OrderPlacedType, new OrderPlaced("o-1", 3, 2.5m)));

        Assert.Equal(EventOutcome.Success, result.Outcome);
        var reply = Assert.IsType<CloudEvent>(result.Reply);
        Assert.Equal(EventPipelineApp.OrderProcessedType, reply.Type);
        Assert.Equal("o-1", reply.Subject);
        var processed = JsonSerializer.Deserialize(reply.Data.Span, PipelineJsonContext.Default.OrderProcessed)!;
        Assert.Equal(7.5m, processed.Total);
    }

    [Fact]
    public async Task InvalidOrder_IsDropped_NotRetried()
    {
        await using var host = Host();

        var result = await host.SendEventAsync(host.Event(EventPipelineApp.OrderPlacedType, new OrderPlaced("o-2", 0, 1m)));

        Assert.Equal(EventOutcome.Drop, result.Outcome);
    }

    [Fact]
    public async Task DataThatIsNotAnOrder_IsRetried_ByDefault()
    {
        await using var host = Host();
        var cloudEvent = new CloudEvent("e-1", "/tests", EventPipelineApp.OrderPlacedType) { DataContentType = "application/json", Data = "[1,2]"u8.ToArray() };

        var result = await host.SendEventAsync(cloudEvent);

        Assert.Equal(EventOutcome.Retry, result.Outcome);
    }

    [Fact]
    public async Task OrderedPartition_StopsAtTheFirstRetry_AndDropsDoNotStopIt()
    {
        await using var host = Host();
        var events = new[]
        {
            host.Event(EventPipelineApp.OrderPlacedType, new OrderPlaced("o-1", 1, 1m)),
            host.Event(EventPipelineApp.OrderPlacedType, new OrderPlaced("o-2", 0, 1m)),
            new CloudEvent("bad", "/tests", EventPipelineApp.OrderPlacedType) { DataContentType = "application/json", Data = "\"x\""u8.ToArray() },
            host.Event(EventPipelineApp.OrderPlacedType, new OrderPlaced("o-4", 1, 1m)),
        };

        var result = await host.SendBatchAsync(events, BatchOrdering.Ordered);

        Assert.Equal([EventOutcome.Success, EventOutcome.Drop, EventOutcome.Retry, EventOutcome.Retry], result.Items.Select(i => i.Outcome));
        Assert.False(result.Items[3].Invoked);
    }

    [Fact]
    public async Task KnativeKafkaSourceDelivery_OfABinaryModeOrderRecord_RepliesOnTheResponse()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        await using var app = EventPipelineApp.Build(builder);
        await using var server = await KnativeServer.StartAsync(app, new KnativeOptions { Port = 0, BindAddress = IPAddress.Loopback });
        using var client = new HttpClient { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromSeconds(30) };

        // The order service wrote a binary-mode CloudEvent to Kafka; the KafkaSource forwards a record that
        // is already a CloudEvent with its own attributes (https://knative.dev/docs/eventing/sources/kafka-source/).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("""{"orderId":"o-9","quantity":2,"unitPrice":5}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "order-9");
        request.Headers.Add("ce-source", "/shop/orders");
        request.Headers.Add("ce-type", EventPipelineApp.OrderPlacedType);
        request.Headers.Add("ce-partitionkey", "o-9");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EventPipelineApp.OrderProcessedType, response.Headers.GetValues("ce-type").Single());
        Assert.Contains("\"total\":10", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
