using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

public sealed class BatchInvocationTests
{
    private static BatchMessage Message(string id, string quantity = "1", string type = "order", int? attempt = null) =>
        BatchMessage.Of(id, new CloudEvent(id, "/test", type) { DataContentType = "application/json", Data = Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","quantity":{{quantity}}}""") }, attempt);

    // quantity 0 → handler throws (retry), -1 → DropEventException, otherwise success.
    private static FunctionApp App(ConcurrentQueue<string> seen, Action<FunctionAppBuilder>? configure = null) => TestApp.Create(
        a => a.MapEvent<Order>("order", (e, c) =>
        {
            seen.Enqueue(e.Data.Id);
            return e.Data.Quantity switch
            {
                0 => throw new InvalidOperationException("boom"),
                -1 => throw new DropEventException("not ours"),
                _ => Task.CompletedTask,
            };
        }),
        configure);

    [Fact]
    public async Task UnorderedBatch_InvokesEveryMessage_AndReportsEachOutcome()
    {
        var seen = new ConcurrentQueue<string>();
        await using var app = App(seen);

        var result = await app.Freeze().InvokeBatchAsync([Message("a"), Message("b", "0"), Message("c"), Message("d", "-1")], BatchOrdering.Unordered);

        Assert.Equal(["a", "b", "c", "d"], seen);
        Assert.Equal([EventOutcome.Success, EventOutcome.Retry, EventOutcome.Success, EventOutcome.Drop], result.Items.Select(i => i.Outcome));
        Assert.Equal("b", result.FirstRetry!.Id);
        Assert.Equal(["b"], result.Retries().Select(i => i.Id));
        Assert.All(result.Items, item => Assert.True(item.Invoked));
        Assert.Equal(nameof(DropEventException), result.Items[3].Error!.ErrorType);
    }

    [Fact]
    public async Task OrderedBatch_StopsAtFirstRetry_AndTheRestCountAsRetryWithoutRunning()
    {
        var seen = new ConcurrentQueue<string>();
        await using var app = App(seen);

        var result = await app.Freeze().InvokeBatchAsync([Message("a"), Message("b", "0"), Message("c"), Message("d")], BatchOrdering.Ordered);

        Assert.Equal(["a", "b"], seen);
        Assert.Equal([EventOutcome.Success, EventOutcome.Retry, EventOutcome.Retry, EventOutcome.Retry], result.Items.Select(i => i.Outcome));
        Assert.Equal([true, true, false, false], result.Items.Select(i => i.Invoked));
        Assert.Null(result.Items[2].Error);
        Assert.Equal(["b", "c", "d"], result.Retries().Select(i => i.Id));
    }

    [Fact]
    public async Task OrderedBatch_ADropDoesNotStopTheBatch()
    {
        var seen = new ConcurrentQueue<string>();
        await using var app = App(seen);

        var result = await app.Freeze().InvokeBatchAsync([Message("a", "-1"), Message("b")], BatchOrdering.Ordered);

        Assert.Equal(["a", "b"], seen);
        Assert.False(result.HasRetries);
    }

    [Fact]
    public async Task UnreadableMessage_IsRetriedByDefault_AndLoggedOnce()
    {
        var seen = new ConcurrentQueue<string>();
        var logs = new CapturingLoggerProvider();
        await using var app = App(seen, b => b.Logging.AddProvider(logs));

        var result = await app.Freeze().InvokeBatchAsync(
            [BatchMessage.Unreadable("x", FunctionProblemException.BadRequest("body is not base64")), Message("b")],
            BatchOrdering.Unordered,
            new InvocationOptions { InvocationId = "inv-9" });

        Assert.Equal(["b"], seen);
        var unreadable = result.Items[0];
        Assert.Equal(EventOutcome.Retry, unreadable.Outcome);
        Assert.False(unreadable.Invoked);
        Assert.Equal(400, unreadable.Error!.StatusCode);
        Assert.Single(logs.Messages, m => m.Contains("body is not base64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreadableMessage_IsDropped_WhenThePolicyIsDrop()
    {
        await using var app = App([], b => b.Options.UndeliverableEvents = UndeliverableEventPolicy.Drop);

        var result = await app.Freeze().InvokeBatchAsync([BatchMessage.Unreadable("x", FunctionProblemException.BadRequest("bad"))], BatchOrdering.Ordered);

        Assert.Equal(EventOutcome.Drop, Assert.Single(result.Items).Outcome);
    }

    [Fact]
    public async Task UnknownEventType_IsRetried_NotLost()
    {
        await using var app = App([]);

        var result = await app.Freeze().InvokeBatchAsync([Message("a", type: "unknown")], BatchOrdering.Unordered);

        var item = Assert.Single(result.Items);
        Assert.Equal(EventOutcome.Retry, item.Outcome);
        Assert.Equal(404, item.Error!.StatusCode);
    }

    [Fact]
    public async Task EachMessage_SeesItsOwnDeliveryAttempt()
    {
        var attempts = new ConcurrentQueue<int?>();
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) =>
        {
            attempts.Enqueue(c.DeliveryAttempt);
            return Task.CompletedTask;
        }));

        await app.Freeze().InvokeBatchAsync([Message("a", attempt: 3), Message("b")], BatchOrdering.Unordered, new InvocationOptions { DeliveryAttempt = 1 });

        Assert.Equal([3, 1], attempts);
    }

    [Fact]
    public async Task TypedTarget_GetsEachEventsData_AndReturnsItsJsonOutput()
    {
        FunctionDescriptor? typed = null;
        await using var app = TestApp.Create(a => typed = a.MapPost<Order, Receipt>("/orders", (o, c) =>
            o.Quantity == 0 ? throw new InvalidOperationException("boom") : Task.FromResult(new Receipt(o.Id, "ok"))));
        var invoker = app.Freeze();

        var result = await invoker.InvokeBatchAsync([Message("a"), Message("b", "0")], BatchOrdering.Unordered, new InvocationOptions().WithTarget(typed));

        Assert.Equal("""{"id":"a","status":"ok"}""", Encoding.UTF8.GetString(result.Items[0].Output.Span));
        Assert.Equal(EventOutcome.Retry, result.Items[1].Outcome);
        Assert.Equal(500, result.Items[1].Error!.StatusCode);
    }

    [Fact]
    public async Task HttpTarget_IsRefused()
    {
        FunctionDescriptor? http = null;
        await using var app = TestApp.Create(a => http = a.MapGet("/x", (r, c) => Task.FromResult(new FunctionResponse(200))));

        await Assert.ThrowsAsync<ArgumentException>(() => app.Freeze().InvokeBatchAsync([Message("a")], BatchOrdering.Unordered, new InvocationOptions().WithTarget(http)));
    }

    [Fact]
    public async Task EmptyBatch_HasNoRetries()
    {
        await using var app = App([]);

        var result = await app.Freeze().InvokeBatchAsync([], BatchOrdering.Ordered);

        Assert.Empty(result.Items);
        Assert.False(result.HasRetries);
    }
}
