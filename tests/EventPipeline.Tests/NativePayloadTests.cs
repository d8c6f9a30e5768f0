using System.Text;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Azure;
using Portable.Functions.Hosting;
using Portable.Functions.Knative;
using Portable.Functions.Testing;

namespace EventPipeline.Tests;

/// <summary>
/// The pipeline as each platform delivers Kafka records, through the adapters' real mappings in memory
/// (Portable.Functions.Testing's <c>Native(...)</c>): an Amazon MSK event on Lambda, the Kafka trigger's
/// custom-handler payload on Azure, a KafkaSource CloudEvent on Knative.
/// </summary>
public sealed class NativePayloadTests
{
    private static FunctionTestHost Host() => FunctionTestHost.Create(builder =>
    {
        builder.UseAws();
        builder.UseAzureCustomHandler();
        builder.UseKnative();
        return EventPipelineApp.Build(builder);
    });

    [Fact]
    public async Task MskEvent_AllOrdersProcessed_IsAcknowledged()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.Raw(Msk(MskRecord(0, 1, """{"orderId":"o-1","quantity":2,"unitPrice":4}"""))))).AsAws();

        Assert.False(answer.IsError, answer.ToString());
    }

    [Fact]
    public async Task MskEvent_RecordThatIsNotAnOrder_FailsTheInvoke_SoLambdaRetriesFromItsOffset()
    {
        await using var host = Host();

        var answer = (await host.Native("aws").InvokeAsync(AwsEvents.Raw(Msk(MskRecord(0, 1, "[1]"))))).AsAws();

        Assert.True(answer.IsError);
    }

    [Fact]
    public async Task AzureKafkaTriggerBatch_RepliesGoToTheKafkaOutput()
    {
        await using var host = Host();
        var batch = "[" + string.Join(",", AzureRecord(1, """{"orderId":"o-1","quantity":2,"unitPrice":4}"""), AzureRecord(2, """{"orderId":"o-2","quantity":1,"unitPrice":1}""")) + "]";
        var request = new NativeRequest
        {
            Method = "POST",
            Path = "/process-order",
            Headers = new HeaderCollection { { "Content-Type", "application/json" } },
            Body = Encoding.UTF8.GetBytes("{\"Data\":{\"input\":" + Quote(batch) + "},\"Metadata\":{}}"),
        };

        var answer = await host.Native("azure").InvokeAsync(request);

        Assert.Equal(200, answer.StatusCode);
        var replies = answer.ReadAsJson().GetProperty("ReturnValue").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal(["order-1/processed", "order-2/processed"], replies);
    }

    [Fact]
    public async Task KafkaSourceDelivery_AnswersWithTheProcessedReply()
    {
        await using var host = Host();

        var answer = await host.Native("knative").InvokeAsync(KnativeEvents.Binary(
            EventPipelineApp.OrderPlacedType, """{"orderId":"o-1","quantity":3,"unitPrice":2.5}""", id: "partition:0/offset:15", source: "/apis/v1/namespaces/shop/kafkasources/orders#orders"));

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal(EventPipelineApp.OrderProcessedType, answer.Headers.GetFirst("ce-type"));
    }

    // https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html ("Example event"): records grouped by
    // "topic-partition", key/value base64, headers as arrays of byte values.
    private static string Msk(string record) => $$$"""
        {"eventSource":"aws:kafka","eventSourceArn":"arn:aws:kafka:us-east-1:123456789012:cluster/shop/abc","bootstrapServers":"b-1.shop.kafka.us-east-1.amazonaws.com:9092",
         "records":{"orders-0":[{{{record}}}]}}
        """;

    private static string MskRecord(int partition, long offset, string value)
    {
        var headers = string.Join(",", Headers(offset).Select(h => "{\"" + h.Name + "\":[" + string.Join(",", Encoding.UTF8.GetBytes(h.Value)) + "]}"));
        return $$"""{"topic":"orders","partition":{{partition}},"offset":{{offset}},"timestamp":1764590400000,"timestampType":"CREATE_TIME","key":null,"value":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}}","headers":[{{headers}}]}""";
    }

    // The Kafka extension's custom-handler record: header values base64 (see adapters/Portable.Functions.Azure.Triggers/README.md).
    private static string AzureRecord(long offset, string value) =>
        "{\"Offset\":" + offset + ",\"Partition\":0,\"Topic\":\"orders\",\"Timestamp\":\"2026-01-02T03:04:05Z\",\"Value\":" + Quote(value) + ",\"Headers\":["
        + string.Join(",", Headers(offset).Select(h => "{\"Key\":\"" + h.Name + "\",\"Value\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(h.Value)) + "\"}")) + "]}";

    private static (string Name, string Value)[] Headers(long offset) =>
    [
        ("ce_specversion", "1.0"), ("ce_id", "order-" + offset), ("ce_source", "/shop/orders"), ("ce_type", EventPipelineApp.OrderPlacedType), ("content-type", "application/json"),
    ];

    private static string Quote(string text) => "\"" + System.Text.Json.JsonEncodedText.Encode(text) + "\"";
}
