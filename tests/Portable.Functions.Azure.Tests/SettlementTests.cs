using System.Text;
using System.Text.Json;

namespace Portable.Functions.Azure.Tests;

/// <summary>
/// Portable success / retry / drop per message, mapped to what the host settles: 200 completes the
/// invocation (drops logged), a non-2xx answer fails it so the trigger's retry rules apply.
/// </summary>
public sealed class SettlementTests
{
    private static void MapTriggers(FunctionApp app, TestHandler recorder)
    {
        TestHandler.MapFixtureFunctions(app, recorder);
        app.MapCloudEvent(AzureEventTypes.EventHubEvent, (e, c) => recorder.Record(e, c)).WithName("hub").AzureEventHubTrigger("telemetry").AzureQueueOutput("out");
        app.MapCloudEvent(AzureEventTypes.ServiceBusMessage, (e, c) => recorder.Record(e, c)).WithName("bus").AzureServiceBusTopicTrigger("orders", "audit");
        app.MapCloudEvent("com.example.thing.created", (e, c) => recorder.Record(e, c)).WithName("grid").AzureEventGridTrigger();
        app.MapPost<TestOrder, TestOrder>("/queued-order", (order, context) => Task.FromResult(order with { Quantity = order.Quantity * 10 })).WithName("queued-order")
            .AzureQueueTrigger("orders-in").AzureQueueOutput("orders-out");
    }

    [Fact]
    public async Task HandlerException_FailsTheInvocation_SoTheHostRetries()
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers);
        var (status, body) = await handler.InvokeAsync("QueueTrigger", """{"Data":{"input":"\"fail-me\""},"Metadata":{"DequeueCount":"3"}}""");

        Assert.Equal(500, status);
        Assert.Equal(500, body.GetProperty("status").GetInt32());
        Assert.Equal(3, Assert.Single(handler.Received).Context.DeliveryAttempt);
    }

    [Fact]
    public async Task DropEventException_CompletesTheInvocation_AndLogsTheDrop()
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers);
        var (status, body) = await handler.InvokeAsync("QueueTrigger", """{"Data":{"input":"\"drop-me\""},"Metadata":{"Id":"\"m-1\""}}""");

        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        var log = Assert.Single(body.GetProperty("Logs").EnumerateArray()).GetString();
        Assert.Equal("Message m-1 dropped (422 Event Dropped): poison message", log);
    }

    [Fact]
    public async Task EventHubBatch_InvokesPerEvent_AndCollectsRepliesAsArray()
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers);
        var payload = """
            {"Data":{"input":"[\"one\",{\"n\":2},\"drop-me\"]"},
             "Metadata":{"SequenceNumberArray":"[10,11,12]","EnqueuedTimeUtcArray":"[\"2026-03-01T10:00:00Z\",\"2026-03-01T10:00:01Z\",\"2026-03-01T10:00:02Z\"]",
                         "PartitionKeyArray":"[\"k1\",null,\"k3\"]","TriggerPartitionContext":{"PartitionId":"4"}}}
            """;
        var (status, body) = await handler.InvokeAsync("hub", payload);

        Assert.Equal(200, status);
        var events = handler.Received.Select(r => r.Event).ToList();
        Assert.Equal(["4-10", "4-11", "4-12"], events.Select(e => e.Id));
        Assert.Equal(["one", "{\"n\":2}", "drop-me"], events.Select(e => Encoding.UTF8.GetString(e.Data.Span)));
        Assert.Equal(["text/plain; charset=utf-8", "application/json", "text/plain; charset=utf-8"], events.Select(e => e.DataContentType));
        Assert.Equal("k1", events[0].Subject);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 1, TimeSpan.Zero), events[1].Time);
        Assert.All(events, e => Assert.Equal("/eventhubs/telemetry", e.Source));

        // Two replies for the collector output (one array element per message), one logged drop.
        var replies = body.GetProperty("ReturnValue");
        Assert.Equal(["4-10-done", "4-11-done"], replies.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Contains("Message 4-12 dropped", Assert.Single(body.GetProperty("Logs").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventHubBatch_WithOneRetryableFailure_FailsTheWholeInvocation()
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers);
        var (status, _) = await handler.InvokeAsync("hub", """{"Data":{"input":"[\"one\",\"fail-me\",\"three\"]"},"Metadata":{}}""");

        Assert.Equal(500, status);
        Assert.Equal(2, handler.Received.Count);
    }

    [Fact]
    public async Task ServiceBusMessage_UsesMessageIdSubjectAndDeliveryCount()
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers);
        var payload = """{"Data":{"input":"\"{\\\"total\\\":5}\""},"Metadata":{"MessageId":"\"sb-1\"","Subject":"\"invoice\"","ContentType":"\"application/json\"","DeliveryCount":"2","EnqueuedTimeUtc":"2026-03-01T10:00:00Z"}}""";
        var (status, _) = await handler.InvokeAsync("bus", payload);

        Assert.Equal(200, status);
        var (cloudEvent, context) = Assert.Single(handler.Received);
        Assert.Equal("sb-1", cloudEvent.Id);
        Assert.Equal("/servicebus/orders/subscriptions/audit", cloudEvent.Source);
        Assert.Equal("invoice", cloudEvent.Subject);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("""{"total":5}""", Encoding.UTF8.GetString(cloudEvent.Data.Span));
        Assert.Equal(2, context.DeliveryAttempt);
    }

    [Theory]
    [InlineData("""{"id":"eg-1","topic":"/subscriptions/s/resourceGroups/r","subject":"things/1","eventType":"com.example.thing.created","eventTime":"2026-03-01T10:00:00Z","data":{"n":1},"dataVersion":"1.0"}""", "/subscriptions/s/resourceGroups/r")]
    [InlineData("""{"specversion":"1.0","id":"eg-1","source":"/things","type":"com.example.thing.created","subject":"things/1","time":"2026-03-01T10:00:00Z","datacontenttype":"application/json","data":{"n":1}}""", "/things")]
    public async Task EventGridEvent_InEitherSchema_BecomesCloudEvent(string gridEvent, string source)
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers);

        // Whether the host sends the event as an object or as its JSON text is unconfirmed; both work.
        foreach (var value in new[] { gridEvent, JsonSerializer.Serialize(gridEvent, TestJsonContext.Default.String) })
        {
            var (status, _) = await handler.InvokeAsync("grid", "{\"Data\":{\"input\":" + value + "},\"Metadata\":{}}");
            Assert.Equal(200, status);
        }

        Assert.Equal(2, handler.Received.Count);
        Assert.All(handler.Received, r =>
        {
            Assert.Equal("eg-1", r.Event.Id);
            Assert.Equal(source, r.Event.Source);
            Assert.Equal("com.example.thing.created", r.Event.Type);
            Assert.Equal("things/1", r.Event.Subject);
            Assert.Equal("""{"n":1}""", Encoding.UTF8.GetString(r.Event.Data.Span));
        });
    }

    [Fact]
    public async Task TypedFunctionOnQueue_ReturnsOutputAsReturnValue()
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers);
        var (status, body) = await handler.InvokeAsync("queued-order", """{"Data":{"input":"\"{\\\"id\\\":1,\\\"quantity\\\":2,\\\"color\\\":\\\"red\\\"}\""},"Metadata":{}}""");

        Assert.Equal(200, status);
        Assert.Equal("""{"id":1,"quantity":20,"color":"red"}""", body.GetProperty("ReturnValue").GetRawText());
    }

    [Fact]
    public async Task TypedFunctionOnQueue_WithUndecodableMessage_FailsTheInvocation_SoItEndsInThePoisonQueue()
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers);
        var (status, body) = await handler.InvokeAsync("queued-order", """{"Data":{"input":"\"not an order\""},"Metadata":{"Id":"\"q-9\""}}""");

        Assert.Equal(400, status);
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task TypedFunctionOnQueue_WithUndecodableMessage_AndDropPolicy_CompletesAndLogsTheDrop()
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers, setup: b => b.Options.UndeliverableEvents = UndeliverableEventPolicy.Drop);
        var (status, body) = await handler.InvokeAsync("queued-order", """{"Data":{"input":"\"not an order\""},"Metadata":{"Id":"\"q-9\""}}""");

        Assert.Equal(200, status);
        Assert.StartsWith("Message q-9 dropped (400", Assert.Single(body.GetProperty("Logs").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryContext_GivesDeliveryAttempt()
    {
        await using var handler = await TestHandler.StartAsync(MapTriggers);
        var (status, _) = await handler.InvokeAsync("TimerTrigger", """{"Data":{"input":{"IsPastDue":true}},"Metadata":{"RetryContext":{"MaxRetryCount":"5","RetryCount":"2","Exception":null}}}""");

        Assert.Equal(200, status);
        Assert.Equal(3, Assert.Single(handler.Received).Context.DeliveryAttempt);
    }
}
