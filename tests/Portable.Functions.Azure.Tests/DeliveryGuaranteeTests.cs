using System.Text.Json;

namespace Portable.Functions.Azure.Tests;

/// <summary>
/// The README's "Delivery guarantees" table, Azure rows (custom handler): 200 completes the invocation
/// (the host deletes / completes / checkpoints the message), any other status fails it, so the
/// trigger's own rules apply (queue: retried up to maxDequeueCount then the poison queue; Service Bus:
/// abandoned, then dead-lettered after MaxDeliveryCount; Event Grid: retried, then its dead-letter
/// destination; Event Hubs and timer: not retried unless host.json has a retry policy).
/// </summary>
public sealed class DeliveryGuaranteeTests
{
    public static TheoryData<string> Triggers => ["queue", "servicebus", "eventhubs", "eventgrid", "timer"];

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task HandlerException_FailsTheInvocation(string trigger)
    {
        await using var handler = await Start(trigger, a => a.MapCloudEvent(TypeOf(trigger), (e, c) => throw new InvalidOperationException("transient")));

        Assert.Equal(500, (await handler.InvokeAsync("f", Payload(trigger))).Status);
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task Deadline_FailsTheInvocation(string trigger)
    {
        await using var handler = await Start(
            trigger,
            a => a.MapCloudEvent(TypeOf(trigger), async (e, c) =>
            {
                await Task.Delay(Timeout.Infinite, c.CancellationToken);
                return null;
            }),
            b => b.Options.Timeout = TimeSpan.FromMilliseconds(700));

        Assert.Equal(504, (await handler.InvokeAsync("f", Payload(trigger))).Status);
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task UndeserializableData_FailsTheInvocation(string trigger)
    {
        await using var handler = await Start(trigger, a => a.MapEvent<int>(TypeOf(trigger), (e, c) => Task.CompletedTask));

        Assert.Equal(400, (await handler.InvokeAsync("f", Payload(trigger))).Status);
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task UndeserializableData_WithDropPolicy_CompletesTheInvocation(string trigger)
    {
        await using var handler = await Start(
            trigger,
            a => a.MapEvent<int>(TypeOf(trigger), (e, c) => Task.CompletedTask),
            b => b.Options.UndeliverableEvents = UndeliverableEventPolicy.Drop);

        var (status, body) = await handler.InvokeAsync("f", Payload(trigger));

        Assert.Equal(200, status);
        Assert.Contains("dropped (400", Assert.Single(body.GetProperty("Logs").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task MalformedPayload_FailsTheInvocation(string trigger)
    {
        await using var handler = await Start(trigger, a => a.MapCloudEvent(TypeOf(trigger), (e, c) => Task.FromResult<CloudEvent?>(null)));

        Assert.Equal(400, (await handler.InvokeAsync("f", """{"Metadata":{}}""")).Status);
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task DropEventException_CompletesTheInvocation(string trigger)
    {
        await using var handler = await Start(trigger, a => a.MapCloudEvent(TypeOf(trigger), (e, c) => throw new DropEventException("poison")));

        Assert.Equal(200, (await handler.InvokeAsync("f", Payload(trigger))).Status);
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task CrashMidInvocation_NothingIsAnsweredBeforeTheHandlerIsDone(string trigger)
    {
        // The host settles an invocation only on the handler's answer: a process that dies first leaves
        // the message unsettled (queue: visible again; Service Bus: lock expires; Event Hubs: no checkpoint).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var handler = await Start(trigger, a => a.MapCloudEvent(TypeOf(trigger), async (e, c) =>
        {
            started.TrySetResult();
            await release.Task;
            return null;
        }));

        var call = handler.InvokeAsync("f", Payload(trigger));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(call.IsCompleted);
        release.SetResult();
        Assert.Equal(200, (await call.WaitAsync(TimeSpan.FromSeconds(10))).Status);
    }

    private static string TypeOf(string trigger) => trigger switch
    {
        "queue" => AzureEventTypes.QueueMessage,
        "servicebus" => AzureEventTypes.ServiceBusMessage,
        "eventhubs" => AzureEventTypes.EventHubEvent,
        "eventgrid" => "com.example.thing.created",
        _ => AzureEventTypes.TimerTick,
    };

    private static string Payload(string trigger) => trigger switch
    {
        "queue" => """{"Data":{"input":"{\"a\":1}"},"Metadata":{"Id":"\"m-1\""}}""",
        "servicebus" => """{"Data":{"input":"{\"a\":1}"},"Metadata":{"MessageId":"\"sb-1\"","ContentType":"\"application/json\""}}""",
        "eventhubs" => """{"Data":{"input":"[{\"a\":1}]"},"Metadata":{"SequenceNumberArray":"[10]","TriggerPartitionContext":{"PartitionId":"4"}}}""",
        "eventgrid" => """{"Data":{"input":{"id":"eg-1","topic":"/t","subject":"s","eventType":"com.example.thing.created","eventTime":"2026-03-01T10:00:00Z","data":{"a":1},"dataVersion":"1.0"}},"Metadata":{}}""",
        _ => """{"Data":{"input":{"IsPastDue":false}},"Metadata":{}}""",
    };

    private static Task<TestHandler> Start(string trigger, Action<FunctionApp> map, Action<FunctionAppBuilder>? setup = null) =>
        TestHandler.StartAsync(
            (app, recorder) =>
            {
                map(app);
                var function = app.Functions[^1].WithName("f");
                _ = trigger switch
                {
                    "queue" => function.AzureQueueTrigger("in"),
                    "servicebus" => function.AzureServiceBusQueueTrigger("in"),
                    "eventhubs" => function.AzureEventHubTrigger("hub"),
                    "eventgrid" => function.AzureEventGridTrigger(),
                    _ => function.AzureTimerTrigger("0 */5 * * * *"),
                };
            },
            setup: setup);
}
