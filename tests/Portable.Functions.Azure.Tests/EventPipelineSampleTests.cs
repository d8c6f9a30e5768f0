using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Azure.Tests;

/// <summary>
/// The EventPipeline sample behind the Azure Functions host's custom-handler protocol: a Kafka trigger
/// batch (each event the JSON text of the extension's event object, see <see cref="KafkaTriggerTests"/>)
/// whose records are binary-mode CloudEvents; the replies go to the <c>$return</c> Kafka output.
/// </summary>
public sealed class EventPipelineSampleTests
{
    private static string Order(long offset, string json) =>
        "{\"Offset\":" + offset + ",\"Partition\":0,\"Topic\":\"orders\",\"Timestamp\":\"2026-01-02T03:04:05Z\",\"Value\":" + JsonSerializer.Serialize(json, TestJsonContext.Default.String) + ",\"Headers\":["
        + string.Join(",", new[] { ("ce_specversion", "1.0"), ("ce_id", "order-" + offset), ("ce_source", "/shop/orders"), ("ce_type", EventPipeline.EventPipelineApp.OrderPlacedType), ("content-type", "application/json") }
            .Select(h => "{\"Key\":\"" + h.Item1 + "\",\"Value\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(h.Item2)) + "\"}")) + "]}";

    private static async Task<(int Status, JsonElement Body)> InvokeAsync(params string[] events)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        await using var app = EventPipeline.EventPipelineApp.Build(builder);
        await using var server = await AzureCustomHandlerServer.StartAsync(app, new AzureCustomHandlerOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromSeconds(30) };
        var array = "[" + string.Join(",", events.Select(e => JsonSerializer.Serialize(e, TestJsonContext.Default.String))) + "]";
        using var content = new StringContent("{\"Data\":{\"input\":" + JsonSerializer.Serialize(array, TestJsonContext.Default.String) + "},\"Metadata\":{}}", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        using var response = await client.PostAsync("/process-order", content);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public async Task KafkaTriggerBatch_RepliesGoToTheKafkaOutput_OnePerOrder()
    {
        var (status, body) = await InvokeAsync(Order(1, """{"orderId":"o-1","quantity":2,"unitPrice":4}"""), Order(2, """{"orderId":"o-2","quantity":1,"unitPrice":1}"""));

        Assert.Equal(200, status);
        var replies = body.GetProperty("ReturnValue").EnumerateArray().ToList();
        Assert.Equal(["order-1/processed", "order-2/processed"], replies.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(8, replies[0].GetProperty("data").GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task RecordThatIsNotAnOrder_FailsTheInvocation_SoTheRetryPolicyApplies()
    {
        var (status, _) = await InvokeAsync(Order(1, "[1]"));

        // Data no function can take: a 4xx problem; any non-2xx answer fails the invocation for the host.
        Assert.InRange(status, 400, 599);
    }
}
