using System.Text;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// The EventPipeline sample behind Lambda: an Amazon MSK event (payload shape from
/// https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html, see <see cref="KafkaEvents"/>) whose
/// records are binary-mode CloudEvents written by the order service.
/// </summary>
public sealed class EventPipelineSampleTests
{
    private static readonly (string, string)[] s_order =
    [
        ("ce_specversion", "1.0"), ("ce_source", "/shop/orders"), ("ce_type", EventPipeline.EventPipelineApp.OrderPlacedType), ("content-type", "application/json"),
    ];

    private static string Order(int partition, long offset, string json) =>
        KafkaEvents.Record("orders", partition, offset, json, headers: [.. s_order, ("ce_id", $"order-{partition}-{offset}")]);

    private static async Task<AwsResult> DispatchAsync(string json)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        await using var app = EventPipeline.EventPipelineApp.Build(builder);
        var dispatcher = new AwsEventDispatcher(app, handler: null);
        var invocation = new AwsInvocation { RequestId = "req-1", Event = Encoding.UTF8.GetBytes(json), Deadline = DateTimeOffset.UtcNow.AddSeconds(30) };
        return await dispatcher.DispatchAsync(invocation, new InvocationOptions { InvocationId = invocation.RequestId, Deadline = invocation.Deadline, NativeRequest = invocation });
    }

    [Fact]
    public async Task MskBatchOfOrders_WithAnInvalidOneDropped_IsAcknowledged()
    {
        var result = await DispatchAsync(KafkaEvents.Msk(
            ("orders-0", [Order(0, 1, """{"orderId":"o-1","quantity":1,"unitPrice":3}"""), Order(0, 2, """{"orderId":"","quantity":0,"unitPrice":3}""")]),
            ("orders-1", [Order(1, 1, """{"orderId":"o-3","quantity":2,"unitPrice":1}""")])));

        Assert.Null(result.Error);
    }

    [Fact]
    public async Task RecordThatIsNotAnOrder_FailsTheInvoke_SoLambdaRetriesThePartition()
    {
        var result = await DispatchAsync(KafkaEvents.Msk(("orders-0", [Order(0, 1, "[1,2]")])));

        Assert.NotNull(result.Error);
        Assert.Contains("orders-0@1", result.Error.ErrorMessage, StringComparison.Ordinal);
    }
}
