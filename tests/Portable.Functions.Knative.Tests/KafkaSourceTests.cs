using System.Net;
using System.Text;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative.Tests;

/// <summary>
/// Deliveries of Knative Eventing's KafkaSource (https://knative.dev/docs/eventing/sources/kafka-source/):
/// a binary-mode CloudEvent per record, type <c>dev.knative.kafka.event</c>, source
/// <c>/apis/v1/namespaces/{ns}/kafkasources/{name}#{topic}</c>, id <c>partition:P/offset:O</c>, subject
/// <c>partition:P#O</c>, the record key as the <c>key</c> extension (and <c>partitionkey</c>), record
/// headers as <c>kafkaheader*</c> extensions. The source waits for a 2xx before the next record of the
/// partition and redelivers on a failure answer, so a failed record must not get a 2xx.
/// </summary>
public sealed class KafkaSourceTests
{
    private const string KafkaEventType = "dev.knative.kafka.event";

    private static HttpRequestMessage KafkaSourceDelivery(string body, long offset = 167)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", $"partition:0/offset:{offset}");
        request.Headers.Add("ce-source", "/apis/v1/namespaces/shop/kafkasources/orders-source#orders");
        request.Headers.Add("ce-subject", $"partition:0#{offset}");
        request.Headers.Add("ce-type", KafkaEventType);
        request.Headers.Add("ce-time", "2022-03-31T22:19:36.499Z");
        request.Headers.Add("ce-key", "order-7");
        request.Headers.Add("ce-partitionkey", "order-7");
        request.Headers.Add("ce-kafkaheadercontenttype", "application/json");
        request.Headers.Add("traceparent", "00-b033708685c715a7c2384cdf05797785-65540b0937e9b0ce-00");
        return request;
    }

    private static Task<TestServer> StartAsync(List<CloudEvent> received) => TestServer.StartAsync(builder =>
    {
        var app = builder.Build();
        app.MapCloudEvent(KafkaEventType, (cloudEvent, context) =>
        {
            received.Add(cloudEvent);
            return Encoding.UTF8.GetString(cloudEvent.Data.Span).Contains("fail-me", StringComparison.Ordinal)
                ? throw new InvalidOperationException("transient")
                : Task.FromResult<CloudEvent?>(new CloudEvent(cloudEvent.Id + "-done", "/pipeline", "com.example.order.processed"));
        });
        return app;
    });

    [Fact]
    public async Task KafkaSourceDelivery_ReachesTheFunction_WithTheRecordKeyAndHeaders()
    {
        var received = new List<CloudEvent>();
        await using var server = await StartAsync(received);

        using var response = await server.Client.SendAsync(KafkaSourceDelivery("""{"orderId":"o-7"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("com.example.order.processed", response.Headers.GetValues("ce-type").Single());
        var cloudEvent = Assert.Single(received);
        Assert.Equal("partition:0/offset:167", cloudEvent.Id);
        Assert.Equal("/apis/v1/namespaces/shop/kafkasources/orders-source#orders", cloudEvent.Source);
        Assert.Equal("partition:0#167", cloudEvent.Subject);
        Assert.Equal("order-7", cloudEvent.GetExtensionString("key"));
        Assert.Equal("order-7", cloudEvent.GetExtensionString("partitionkey"));
        Assert.Equal("application/json", cloudEvent.GetExtensionString("kafkaheadercontenttype"));
        Assert.Equal(new DateTimeOffset(2022, 3, 31, 22, 19, 36, 499, TimeSpan.Zero), cloudEvent.Time);
    }

    [Fact]
    public async Task HandlerFailure_AnswersAServerError_SoTheKafkaSourceRedelivers()
    {
        var received = new List<CloudEvent>();
        await using var server = await StartAsync(received);

        using var response = await server.Client.SendAsync(KafkaSourceDelivery("""{"orderId":"fail-me"}"""));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Single(received);
    }

    [Fact]
    public async Task RecordThatNoFunctionTakes_IsNotAcknowledged()
    {
        var received = new List<CloudEvent>();
        await using var server = await StartAsync(received);
        using var request = KafkaSourceDelivery("{}");
        request.Headers.Remove("ce-type");
        request.Headers.Add("ce-type", "com.example.unknown");

        using var response = await server.Client.SendAsync(request);

        Assert.False(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        Assert.Empty(received);
    }
}
