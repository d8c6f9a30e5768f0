using Microsoft.Extensions.Logging;
using System.Text;
using System.Text.Json;

namespace Portable.Functions.Azure.Tests;

/// <summary>
/// The Kafka trigger through the custom handler. Payloads are written from the Kafka extension's
/// documentation and samples (https://learn.microsoft.com/azure/azure-functions/functions-bindings-kafka-trigger;
/// github.com/Azure/azure-functions-kafka-extension, samples/javascript/KafkaTriggerManyWithHeaders):
/// each event is the JSON text of an object with <c>Offset</c>, <c>Partition</c>, <c>Topic</c>,
/// <c>Timestamp</c>, <c>Key</c>, <c>Value</c> and <c>Headers</c> (<c>[{"Key", "Value": base64}]</c>);
/// with <c>cardinality: many</c> the trigger value is an array of them, which the host passes as JSON text.
/// </summary>
public sealed class KafkaTriggerTests
{
    private static void Map(FunctionApp app, TestHandler recorder)
    {
        app.MapCloudEvent(null, (e, c) => recorder.Record(e, c)).WithName("orders").AzureKafkaTrigger("orders").AzureQueueOutput("results");
        app.MapCloudEvent(AzureEventTypes.KafkaRecord, (e, c) => recorder.Record(e, c)).WithName("single")
            .AzureTrigger(AzureTriggerTypes.Kafka, new Dictionary<string, string> { ["topic"] = "orders", ["brokerList"] = "%BrokerList%", ["cardinality"] = "one" });
    }

    private static string Event(long offset, string value, int partition = 0, string? key = "order-1", params (string Key, string Value)[] headers) =>
        $"{{\"Offset\":{offset},\"Partition\":{partition},\"Topic\":\"orders\",\"Timestamp\":\"2022-04-09T03:20:06.591Z\","
        + (key is null ? string.Empty : "\"Key\":" + Quote(key) + ",")
        + "\"Value\":" + Quote(value) + ",\"Headers\":["
        + string.Join(",", headers.Select(h => "{\"Key\":" + Quote(h.Key) + ",\"Value\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(h.Value)) + "\"}")) + "]}";

    private static string Batch(params string[] events) =>
        "{\"Data\":{\"input\":" + Quote("[" + string.Join(",", events.Select(Quote)) + "]") + "},\"Metadata\":{}}";

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";

    [Fact]
    public async Task KafkaBatch_EachRecordBecomesACloudEvent_WithKeyHeadersAndTime()
    {
        await using var handler = await TestHandler.StartAsync(Map);

        var (status, body) = await handler.InvokeAsync("orders", Batch(Event(364, """{"id":"o-1"}""", headers: ("test", "javascript")), Event(365, "plain")));

        Assert.Equal(200, status);
        var events = handler.Received.Select(r => r.Event).ToList();
        Assert.Equal(["partition:0/offset:364", "partition:0/offset:365"], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal("/kafka/orders", e.Source));
        Assert.All(events, e => Assert.Equal(AzureEventTypes.KafkaRecord, e.Type));
        Assert.Equal("partition:0#364", events[0].Subject);
        Assert.Equal("application/json", events[0].DataContentType);
        Assert.Equal("application/octet-stream", events[1].DataContentType);
        Assert.Equal("order-1", events[0].GetExtensionString("partitionkey"));
        Assert.Equal("javascript", events[0].GetExtensionString("kafkaheadertest"));
        Assert.Equal(new DateTimeOffset(2022, 4, 9, 3, 20, 6, 591, TimeSpan.Zero), events[0].Time);
        Assert.Equal(2, body.GetProperty("ReturnValue").GetArrayLength());
    }

    [Fact]
    public async Task CeHeaders_MakeTheRecordABinaryModeCloudEvent()
    {
        await using var handler = await TestHandler.StartAsync(Map);

        var (status, _) = await handler.InvokeAsync("orders", Batch(Event(1, """{"id":"o-9"}""", headers:
            [("ce_specversion", "1.0"), ("ce_id", "order-9"), ("ce_source", "/shop"), ("ce_type", "com.example.order.placed"), ("content-type", "application/json")])));

        Assert.Equal(200, status);
        var cloudEvent = Assert.Single(handler.Received).Event;
        Assert.Equal("order-9", cloudEvent.Id);
        Assert.Equal("com.example.order.placed", cloudEvent.Type);
        Assert.Equal("application/json", cloudEvent.DataContentType);
    }

    [Fact]
    public async Task SingleCardinality_TheValueIsOneEventObject()
    {
        await using var handler = await TestHandler.StartAsync(Map);

        var (status, _) = await handler.InvokeAsync("single", "{\"Data\":{\"input\":" + Event(7, "hi", partition: 2) + "},\"Metadata\":{}}");

        Assert.Equal(200, status);
        Assert.Equal("partition:2/offset:7", Assert.Single(handler.Received).Event.Id);
    }

    [Fact]
    public async Task FailureMidBatch_FailsTheInvocation_AndTheLaterRecordsAreNotRun()
    {
        await using var handler = await TestHandler.StartAsync(Map);

        var (status, _) = await handler.InvokeAsync("orders", Batch(Event(1, "one"), Event(2, "fail-me"), Event(3, "three")));

        Assert.Equal(500, status);
        Assert.Equal(["one", "fail-me"], handler.Received.Select(r => Encoding.UTF8.GetString(r.Event.Data.Span)));
    }

    [Fact]
    public async Task BadBase64Header_IsNotAcknowledged()
    {
        await using var handler = await TestHandler.StartAsync(Map);
        var bad = Event(1, "x").Replace("\"Headers\":[]", "\"Headers\":[{\"Key\":\"h\",\"Value\":\"not*base64\"}]", StringComparison.Ordinal);

        var (status, _) = await handler.InvokeAsync("orders", Batch(bad));

        Assert.True(status >= 400, $"status {status}");
        Assert.Empty(handler.Received);
    }

    [Fact]
    public async Task FunctionJson_HasTheKafkaTrigger_AndAnUnboundedRetryPolicy()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        var function = app.MapCloudEvent(null, (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("orders")
            .AzureKafkaTrigger("orders", "%BrokerList%", "pipeline", "$ConnectionString", "%EventHubConnectionString%");

        using var json = JsonDocument.Parse(AzureMetadataWriter.FunctionJson(function));

        var trigger = Assert.Single(json.RootElement.GetProperty("bindings").EnumerateArray());
        Assert.Equal("kafkaTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("orders", trigger.GetProperty("topic").GetString());
        Assert.Equal("%BrokerList%", trigger.GetProperty("brokerList").GetString());
        Assert.Equal("pipeline", trigger.GetProperty("consumerGroup").GetString());
        Assert.Equal("many", trigger.GetProperty("cardinality").GetString());
        Assert.Equal("saslSsl", trigger.GetProperty("protocol").GetString());
        var retry = json.RootElement.GetProperty("retry");
        Assert.Equal("exponentialBackoff", retry.GetProperty("strategy").GetString());
        Assert.Equal(-1, retry.GetProperty("maxRetryCount").GetInt32());
    }
}
