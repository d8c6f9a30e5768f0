using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// Amazon MSK and self-managed Kafka events (payloads in <see cref="KafkaEvents"/>, written from
/// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html and .../with-kafka.html): mapping to
/// CloudEvents per the CloudEvents Kafka protocol binding, ordering per topic-partition, and the
/// answer: a failed invoke whenever a record must be retried (a partial batch response is honoured
/// only in provisioned mode, https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html).
/// </summary>
public sealed class KafkaEventTests
{
    [Theory]
    [InlineData("aws:kafka")]
    [InlineData("SelfManagedKafka")]
    public void Detector_RecognisesBothKafkaSources(string eventSource)
    {
        using var document = JsonDocument.Parse("{\"eventSource\":\"" + eventSource + "\",\"bootstrapServers\":\"b:9092\",\"records\":{}}");

        Assert.Equal(EventShape.Kafka, EventShapeDetector.Detect(document.RootElement));
    }

    [Fact]
    public async Task MskRecord_MapsToACloudEvent_WithKeyHeadersAndTime()
    {
        await using var app = new CapturingApp();

        var result = await app.DispatchAsync(KafkaEvents.Msk(("mytopic-0", [KafkaEvents.Record("mytopic", 0, 15, """{"key":"value"}""")])));

        Assert.Null(result.Error);
        var cloudEvent = Assert.Single(app.CloudEvents);
        Assert.Equal("partition:0/offset:15", cloudEvent.Id);
        Assert.Equal(KafkaEvents.ClusterArn + "#mytopic", cloudEvent.Source);
        Assert.Equal(AwsKafkaMapper.KafkaRecordType, cloudEvent.Type);
        Assert.Equal("partition:0#15", cloudEvent.Subject);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1545084650987), cloudEvent.Time);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("""{"key":"value"}""", Encoding.UTF8.GetString(cloudEvent.Data.Span));
        Assert.Equal("recordKey", cloudEvent.GetExtensionString("partitionkey"));
        Assert.Equal("recordKey", cloudEvent.GetExtensionString("key"));
        Assert.Equal("headerValue", cloudEvent.GetExtensionString("kafkaheaderheaderkey"));
    }

    [Fact]
    public async Task SelfManagedRecord_SourceIsTheFirstBootstrapServerAndTopic()
    {
        await using var app = new CapturingApp();

        await app.DispatchAsync(KafkaEvents.SelfManaged(("orders-1", [KafkaEvents.Record("orders", 1, 7, "plain text", key: null)])));

        var cloudEvent = Assert.Single(app.CloudEvents);
        Assert.Equal("kafka://b-2.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092#orders", cloudEvent.Source);
        Assert.Equal("application/octet-stream", cloudEvent.DataContentType);
        Assert.Null(cloudEvent.GetExtensionString("partitionkey"));
    }

    [Fact]
    public async Task ContentTypeHeader_IsTheDataContentType()
    {
        await using var app = new CapturingApp();

        await app.DispatchAsync(KafkaEvents.Msk(("t-0", [KafkaEvents.Record("t", 0, 1, "a,b", headers: [("content-type", "text/csv")])])));

        Assert.Equal("text/csv", Assert.Single(app.CloudEvents).DataContentType);
    }

    [Fact]
    public async Task CeHeaders_MakeTheRecordABinaryModeCloudEvent()
    {
        await using var app = new CapturingApp();
        (string, string)[] headers =
        [
            ("ce_specversion", "1.0"), ("ce_id", "order-42"), ("ce_source", "/shop/orders"), ("ce_type", "com.example.order.placed"),
            ("ce_time", "2026-01-02T03:04:05Z"), ("ce_tenant", "eu"), ("content-type", "application/json"),
        ];

        await app.DispatchAsync(KafkaEvents.Msk(("t-0", [KafkaEvents.Record("t", 0, 1, """{"id":"42"}""", headers: headers)])));

        var cloudEvent = Assert.Single(app.CloudEvents);
        Assert.Equal("order-42", cloudEvent.Id);
        Assert.Equal("/shop/orders", cloudEvent.Source);
        Assert.Equal("com.example.order.placed", cloudEvent.Type);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), cloudEvent.Time);
        Assert.Equal("eu", cloudEvent.GetExtensionString("tenant"));
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("""{"id":"42"}""", Encoding.UTF8.GetString(cloudEvent.Data.Span));
    }

    [Fact]
    public async Task StructuredContentType_ValueIsTheEvent()
    {
        await using var app = new CapturingApp();
        var structured = """{"specversion":"1.0","id":"e-7","source":"/s","type":"com.example.t","data":{"n":1}}""";

        await app.DispatchAsync(KafkaEvents.Msk(("t-0", [KafkaEvents.Record("t", 0, 1, structured, headers: [("content-type", "application/cloudevents+json; charset=UTF-8")])])));

        var cloudEvent = Assert.Single(app.CloudEvents);
        Assert.Equal("e-7", cloudEvent.Id);
        Assert.Equal("com.example.t", cloudEvent.Type);
    }

    [Fact]
    public async Task BinaryModeWithoutId_IsUnreadable_AndTheInvokeFails()
    {
        await using var app = new CapturingApp();

        var result = await app.DispatchAsync(KafkaEvents.Msk(("t-0", [KafkaEvents.Record("t", 0, 1, "{}", headers: [("ce_specversion", "1.0"), ("ce_type", "x"), ("ce_source", "/s")])])));

        Assert.NotNull(result.Error);
        Assert.Empty(app.CloudEvents);
    }

    [Fact]
    public async Task BadBase64Value_IsUnreadable_ItsPartitionStops_OtherPartitionsGoOn_AndTheInvokeFails()
    {
        await using var app = new CapturingApp();

        var result = await app.DispatchAsync(KafkaEvents.Msk(
            ("t-0", [KafkaEvents.Record("t", 0, 1, "{}"), KafkaEvents.Record("t", 0, 2, string.Empty, rawValue: "not*base64"), KafkaEvents.Record("t", 0, 3, "{}")]),
            ("t-1", [KafkaEvents.Record("t", 1, 1, "{}"), KafkaEvents.Record("t", 1, 2, "{}")])));

        Assert.NotNull(result.Error);
        Assert.Contains("t-0@2", result.Error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal<string>(["partition:0/offset:1", "partition:1/offset:1", "partition:1/offset:2"], app.CloudEvents.Select(e => e.Id).ToArray());
    }

    [Fact]
    public async Task HandlerFailure_StopsItsPartitionInOrder_AndTheInvokeFails()
    {
        await using var app = new CapturingApp(e => e.Id == "partition:0/offset:2" ? throw new InvalidOperationException("transient") : Task.CompletedTask);

        var result = await app.DispatchAsync(KafkaEvents.Msk(
            ("t-0", [KafkaEvents.Record("t", 0, 1, "{}"), KafkaEvents.Record("t", 0, 2, "{}"), KafkaEvents.Record("t", 0, 3, "{}")]),
            ("t-1", [KafkaEvents.Record("t", 1, 9, "{}")])));

        Assert.NotNull(result.Error);
        Assert.Equal<string>(["partition:0/offset:1", "partition:0/offset:2", "partition:1/offset:9"], app.CloudEvents.Select(e => e.Id).ToArray());
    }

    [Fact]
    public async Task EveryRecordHandled_InPartitionOrder_TheInvokeSucceeds()
    {
        await using var app = new CapturingApp();

        var result = await app.DispatchAsync(KafkaEvents.Msk(("t-0", [KafkaEvents.Record("t", 0, 5, "1"), KafkaEvents.Record("t", 0, 6, "2"), KafkaEvents.Record("t", 0, 7, "3")])));

        Assert.Null(result.Error);
        Assert.Equal<string>(["1", "2", "3"], app.CloudEvents.Select(e => Encoding.UTF8.GetString(e.Data.Span)).ToArray());
    }

    [Fact]
    public async Task DropEventException_IsAcknowledged_AndThePartitionGoesOn()
    {
        await using var app = new CapturingApp(e => e.Id == "partition:0/offset:1" ? throw new DropEventException("poison") : Task.CompletedTask);

        var result = await app.DispatchAsync(KafkaEvents.Msk(("t-0", [KafkaEvents.Record("t", 0, 1, "{}"), KafkaEvents.Record("t", 0, 2, "{}")])));

        Assert.Null(result.Error);
        Assert.Equal(2, app.CloudEvents.Count);
    }

    [Fact]
    public void SignedHeaderBytes_AreReadAsBytes()
    {
        // "é" is 0xC3 0xA9; a Java producer's byte[] printed signed is -61, -87.
        using var document = JsonDocument.Parse("""{"topic":"t","partition":0,"offset":1,"value":"","headers":[{"who":[-61,-87]}]}""");

        var record = AwsKafkaMapper.Read(document.RootElement);

        Assert.Equal("é", Encoding.UTF8.GetString(Assert.Single(record.Headers).Value));
    }

    [Fact]
    public void HeaderThatIsNotBytes_IsRejectedWith400()
    {
        using var document = JsonDocument.Parse("""{"topic":"t","partition":0,"offset":1,"value":"","headers":[{"who":[300]}]}""");

        var problem = Assert.Throws<FunctionProblemException>(() => AwsKafkaMapper.Read(document.RootElement));

        Assert.Equal(400, problem.StatusCode);
    }

    [Fact]
    public void Telemetry_NamesKafkaTopicPartitionAndOffset()
    {
        using var document = JsonDocument.Parse(KafkaEvents.Record("orders", 3, 42, "{}"));

        var message = AwsMessageTelemetry.Message(EventShape.Kafka, document.RootElement, 5)!;

        Assert.Equal("kafka", message.System);
        Assert.Equal("orders", message.DestinationName);
        Assert.Equal("3", message.PartitionId);
        Assert.Equal(42, message.Offset);
        Assert.Equal(5, message.BatchMessageCount);
        Assert.Equal(FunctionTrigger.PubSub, AwsMessageTelemetry.Trigger(EventShape.Kafka, document.RootElement));
    }
}
