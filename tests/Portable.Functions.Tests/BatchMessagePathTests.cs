using System.Collections.Concurrent;
using System.Text;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// A batch message whose function finishes without awaiting completes without a task, and each message's
/// facts reach its invocation without a copy of the batch's options; these pin that both ways of finishing
/// settle alike, in order, one message at a time, each with its own facts.
/// </summary>
public sealed class BatchMessagePathTests
{
    // The message's quantity picks what the handler does, and whether it does it before or after an await.
    private const int SyncOk = 1, AsyncOk = 2, SyncThrow = 3, AsyncThrow = 4, SyncDrop = 5, AsyncDrop = 6;

    private static BatchMessage Message(string id, int quantity, int? attempt = null, InvocationMessage? facts = null) =>
        BatchMessage.Of(id, new CloudEvent(id, "/test", "order") { DataContentType = "application/json", Data = Encoding.UTF8.GetBytes($$"""{"id":"{{id}}","quantity":{{quantity}}}""") }, attempt, facts);

    private static FunctionApp App(ConcurrentQueue<string> log) => TestApp.Create(a => a.MapEvent<Order>("order", (e, c) =>
    {
        log.Enqueue("start " + e.Data.Id);
        return e.Data.Quantity switch
        {
            SyncOk => Done(log, e.Data.Id),
            AsyncOk => Later(log, e.Data.Id, null),
            SyncThrow => throw new InvalidOperationException("boom"),
            AsyncThrow => Later(log, e.Data.Id, new InvalidOperationException("boom")),
            SyncDrop => throw new DropEventException("not ours"),
            AsyncDrop => Later(log, e.Data.Id, new DropEventException("not ours")),
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };
    }));

    private static Task Done(ConcurrentQueue<string> log, string id)
    {
        log.Enqueue("end " + id);
        return Task.CompletedTask;
    }

    private static async Task Later(ConcurrentQueue<string> log, string id, Exception? failure)
    {
        await Task.Delay(5);
        log.Enqueue("end " + id);
        if (failure is not null)
        {
            throw failure;
        }
    }

    [Fact]
    public async Task SynchronousAndAwaitingHandlers_SettleAlike_OneMessageAtATimeInOrder()
    {
        var log = new ConcurrentQueue<string>();
        await using var app = App(log);

        var result = await app.Freeze().InvokeBatchAsync(
            [Message("a", SyncOk), Message("b", AsyncOk), Message("c", SyncThrow), Message("d", AsyncThrow), Message("e", SyncDrop), Message("f", AsyncDrop)],
            BatchOrdering.Unordered);

        Assert.Equal(["start a", "end a", "start b", "end b", "start c", "start d", "end d", "start e", "start f", "end f"], log);
        Assert.Equal(
            [EventOutcome.Success, EventOutcome.Success, EventOutcome.Retry, EventOutcome.Retry, EventOutcome.Drop, EventOutcome.Drop],
            result.Items.Select(i => i.Outcome));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], result.Items.Select(i => i.Id));
        Assert.All(result.Items, item => Assert.True(item.Invoked));
        Assert.Null(result.Items[0].Error);
        Assert.Null(result.Items[1].Error);
        Assert.Equal((500, nameof(InvalidOperationException)), (result.Items[2].Error!.StatusCode, result.Items[2].Error!.ErrorType));
        Assert.Equal((500, nameof(InvalidOperationException)), (result.Items[3].Error!.StatusCode, result.Items[3].Error!.ErrorType));
        Assert.Equal((422, nameof(DropEventException)), (result.Items[4].Error!.StatusCode, result.Items[4].Error!.ErrorType));
        Assert.Equal((422, nameof(DropEventException)), (result.Items[5].Error!.StatusCode, result.Items[5].Error!.ErrorType));
        Assert.Equal(["c", "d"], result.Retries().Select(i => i.Id));
        Assert.Null(FunctionContext.Current);
    }

    [Theory]
    [InlineData(SyncThrow)]
    [InlineData(AsyncThrow)]
    public async Task OrderedBatch_StopsAtARetry_WhetherItsHandlerFailedBeforeOrAfterAnAwait(int failing)
    {
        var log = new ConcurrentQueue<string>();
        await using var app = App(log);

        var result = await app.Freeze().InvokeBatchAsync(
            [Message("a", AsyncOk), Message("b", failing), Message("c", SyncOk), Message("d", AsyncOk)],
            BatchOrdering.Ordered);

        Assert.DoesNotContain("start c", log);
        Assert.DoesNotContain("start d", log);
        Assert.Equal([EventOutcome.Success, EventOutcome.Retry, EventOutcome.Retry, EventOutcome.Retry], result.Items.Select(i => i.Outcome));
        Assert.Equal([true, true, false, false], result.Items.Select(i => i.Invoked));
        Assert.Equal("b", result.FirstRetry!.Id);
    }

    [Fact]
    public async Task EachMessage_GetsItsOwnFacts_OrTheBatchOptionsOnes_AndTheOptionsStayAsGiven()
    {
        var seen = new ConcurrentQueue<(string Id, InvocationMessage? Message, int? Attempt, FunctionTrigger Trigger, bool Current)>();
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", async (e, c) =>
        {
            if (e.Data.Quantity == AsyncOk)
            {
                await Task.Yield();
            }

            seen.Enqueue((e.Data.Id, c.Message, c.DeliveryAttempt, c.Telemetry.Trigger, ReferenceEquals(FunctionContext.Current, c)));
        }));
        var batchFacts = new InvocationMessage("batch") { MessageId = "batch" };
        var factsA = new InvocationMessage("own") { MessageId = "a" };
        var factsC = new InvocationMessage("own") { MessageId = "c" };
        var options = new InvocationOptions { InvocationId = "inv", Message = batchFacts, DeliveryAttempt = 1 };

        await app.Freeze().InvokeBatchAsync(
            [Message("a", SyncOk, attempt: 3, facts: factsA), Message("b", AsyncOk), Message("c", AsyncOk, facts: factsC), Message("d", SyncOk, attempt: 2)],
            BatchOrdering.Unordered,
            options);

        Assert.Equal(
            [("a", factsA, 3, FunctionTrigger.PubSub, true), ("b", batchFacts, 1, FunctionTrigger.PubSub, true), ("c", factsC, 1, FunctionTrigger.PubSub, true), ("d", batchFacts, 2, FunctionTrigger.PubSub, true)],
            seen);
        Assert.Same(batchFacts, options.Message);
        Assert.Equal(1, options.DeliveryAttempt);
    }

    [Fact]
    public async Task MessageWithoutFacts_InABatchWithoutThem_KeepsTheTriggerTheOptionsSay()
    {
        var triggers = new ConcurrentQueue<FunctionTrigger>();
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) =>
        {
            triggers.Enqueue(c.Telemetry.Trigger);
            return Task.CompletedTask;
        }));
        var invoker = app.Freeze();

        await invoker.InvokeBatchAsync([Message("a", SyncOk), Message("b", SyncOk, facts: new InvocationMessage("own"))], BatchOrdering.Unordered);
        await invoker.InvokeBatchAsync([Message("c", SyncOk), Message("d", SyncOk, facts: new InvocationMessage("own"))], BatchOrdering.Unordered, new InvocationOptions { Trigger = FunctionTrigger.Datasource });

        Assert.Equal([FunctionTrigger.Other, FunctionTrigger.PubSub, FunctionTrigger.Datasource, FunctionTrigger.Datasource], triggers);
    }

    [Fact]
    public async Task TypedTarget_EachMessageSeesItsOwnDeliveryAttempt_WhetherItFinishesSynchronouslyOrNot()
    {
        var attempts = new ConcurrentQueue<(string Id, int? Attempt)>();
        FunctionDescriptor? typed = null;
        await using var app = TestApp.Create(a => typed = a.MapPost<Order, Receipt>("/orders", async (o, c) =>
        {
            if (o.Quantity == AsyncOk)
            {
                await Task.Yield();
            }

            attempts.Enqueue((o.Id, c.DeliveryAttempt));
            return new Receipt(o.Id, "ok");
        }));

        var result = await app.Freeze().InvokeBatchAsync(
            [Message("a", SyncOk, attempt: 2), Message("b", AsyncOk), Message("c", AsyncOk, attempt: 4)],
            BatchOrdering.Unordered,
            new InvocationOptions { DeliveryAttempt = 5 }.WithTarget(typed));

        Assert.Equal([("a", (int?)2), ("b", 5), ("c", 4)], attempts);
        Assert.Equal(["""{"id":"a","status":"ok"}""", """{"id":"b","status":"ok"}""", """{"id":"c","status":"ok"}"""], result.Items.Select(i => Encoding.UTF8.GetString(i.Output.Span)));
    }
}
