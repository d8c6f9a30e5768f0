using System.Text;
using System.Text.Json;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary>Non-HTTP triggers through the worker: input and trigger metadata to CloudEvents, settlement.</summary>
public sealed class WorkerTriggerTests
{
    [Fact]
    public async Task QueueMessage_BecomesCloudEvent_AndReplyIsTheReturnValue()
    {
        await using var test = new WorkerTestApp();
        var metadata = new Dictionary<string, object?>
        {
            ["Id"] = "m-1",
            ["DequeueCount"] = 2L,
            ["InsertionTime"] = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero),
        };

        var output = await test.Executor.InvokeTriggerAsync(new FakeFunctionContext("queue"), "\"quoted\" text", metadata);

        var cloudEvent = Assert.Single(test.Events);
        Assert.Equal("m-1", cloudEvent.Id);
        Assert.Equal("/queues/orders", cloudEvent.Source);
        Assert.Equal("\"quoted\" text", Encoding.UTF8.GetString(cloudEvent.Data.Span));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), cloudEvent.Time);
        Assert.Equal(2, Assert.Single(test.Contexts).DeliveryAttempt);
        using var reply = JsonDocument.Parse(output!);
        Assert.Equal("m-1-done", reply.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task BlobBytes_ArriveUnchanged()
    {
        await using var test = new WorkerTestApp();
        var metadata = new Dictionary<string, object?> { ["name"] = "a.bin", ["Uri"] = "https://acct.blob.core.windows.net/inbox/a.bin" };

        var output = await test.Executor.InvokeTriggerAsync(new FakeFunctionContext("blob"), new ReadOnlyMemory<byte>([0x00, 0xFF, 0x7F]), metadata);

        var cloudEvent = Assert.Single(test.Events);
        Assert.Equal([0x00, 0xFF, 0x7F], cloudEvent.Data.ToArray());
        Assert.Equal("a.bin", cloudEvent.Subject);
        Assert.Null(output);
    }

    [Fact]
    public async Task TimerInfoJsonText_BecomesJsonData()
    {
        await using var test = new WorkerTestApp();
        await test.Executor.InvokeTriggerAsync(new FakeFunctionContext("timer"), """{"IsPastDue":true}""", new Dictionary<string, object?>());

        var cloudEvent = Assert.Single(test.Events);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal("""{"IsPastDue":true}""", Encoding.UTF8.GetString(cloudEvent.Data.Span));
    }

    [Fact]
    public async Task EventHubBatch_InvokesPerEvent_AndDropsAreNotFailures()
    {
        await using var test = new WorkerTestApp();
        var metadata = new Dictionary<string, object?> { ["SequenceNumberArray"] = new long[] { 5, 6 } };

        await test.Executor.InvokeTriggerAsync(new FakeFunctionContext("hub"), new[] { "one", "drop-me" }, metadata);

        Assert.Equal(["5", "6"], test.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task RetryableFailure_Throws_SoTheHostRetries()
    {
        await using var test = new WorkerTestApp();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            test.Executor.InvokeTriggerAsync(new FakeFunctionContext("queue"), "fail-me", new Dictionary<string, object?>()));
        Assert.Contains("will retry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedTimerInput_IsRejected()
    {
        await using var test = new WorkerTestApp();
        var error = await Assert.ThrowsAsync<FunctionProblemException>(() =>
            test.Executor.InvokeTriggerAsync(new FakeFunctionContext("timer"), "not json", new Dictionary<string, object?>()));
        Assert.Equal(400, error.StatusCode);
        Assert.Empty(test.Events);
    }
}
