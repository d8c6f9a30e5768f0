namespace Portable.Functions.Azure.Tests;

/// <summary>A UTF-8 byte-order mark (RFC 8259 §8.1: ignorable) before the host's payload or a queue message's JSON.</summary>
public sealed class ByteOrderMarkTests
{
    [Fact]
    public async Task InvocationPayload_WithByteOrderMark_IsAccepted()
    {
        await using var handler = await TestHandler.StartAsync();

        var (status, _) = await handler.InvokeAsync("QueueTrigger", "\uFEFF" + """{"Data":{"input":"\"hello\""},"Metadata":{}}""");

        Assert.Equal(200, status);
        Assert.Single(handler.Received);
    }

    [Fact]
    public async Task QueueMessage_WithByteOrderMarkBeforeJson_ReachesTheTypedFunction()
    {
        await using var handler = await TestHandler.StartAsync((app, recorder) =>
            app.MapPost<TestOrder, TestOrder>("/q", (order, context) => Task.FromResult(order)).WithName("q").AzureQueueTrigger("in").AzureQueueOutput("out"));

        var (status, body) = await handler.InvokeAsync("q", """{"Data":{"input":"\uFEFF{\"id\":1,\"quantity\":2,\"color\":\"red\"}"},"Metadata":{}}""");

        Assert.Equal(200, status);
        Assert.Equal(2, body.GetProperty("ReturnValue").GetProperty("quantity").GetInt32());
    }
}
