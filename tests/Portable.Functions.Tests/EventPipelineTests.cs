using System.Text;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

public sealed class EventPipelineTests
{
    private static CloudEvent Event(string type, string json = """{"id":"o-1","quantity":1}""") =>
        new("1", "/test", type) { DataContentType = "application/json", Data = Encoding.UTF8.GetBytes(json) };

    [Fact]
    public async Task TypedEvent_ReceivesData_AndReplies()
    {
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) =>
            Task.FromResult<CloudEvent?>(new CloudEvent("r", "/reply", "order.done") { Subject = e.Data.Id })));

        var result = await app.Freeze().InvokeEventAsync(Event("order"));

        Assert.Equal(EventOutcome.Success, result.Outcome);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("o-1", result.Reply!.Subject);
    }

    [Fact]
    public async Task EventWithoutReply_Is202()
    {
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) => Task.CompletedTask));

        var result = await app.Freeze().InvokeEventAsync(Event("order"));

        Assert.Equal(202, result.StatusCode);
        Assert.Null(result.Reply);
    }

    [Fact]
    public async Task UnknownType_Is404_UnlessAFallbackExists()
    {
        await using var without = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) => Task.CompletedTask));
        await using var with = TestApp.Create(a =>
        {
            a.MapEvent<Order>("order", (e, c) => Task.CompletedTask);
            a.MapCloudEvent(null, (e, c) => Task.FromResult<CloudEvent?>(null));
        });

        Assert.Equal(404, (await without.Freeze().InvokeEventAsync(Event("other"))).StatusCode);
        Assert.Equal(EventOutcome.Success, (await with.Freeze().InvokeEventAsync(Event("other"))).Outcome);
    }

    [Fact]
    public async Task UnknownType_IsNotAcknowledged_ByDefault_AndLoggedAtWarningWithTheEventId()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) => Task.CompletedTask), b => b.Logging.AddProvider(logs));

        var result = await app.Freeze().InvokeEventAsync(Event("other"), new InvocationOptions { InvocationId = "inv-1" });

        Assert.Equal(EventOutcome.Retry, result.Outcome);
        Assert.Equal(404, result.StatusCode);
        var line = Assert.Single(logs.Messages, m => m.Contains("Could not take event", StringComparison.Ordinal));
        Assert.StartsWith("Warning: Could not take event 1 (type other): 404", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownType_WithDropPolicy_IsAcknowledgedWith202_AndLoggedAtWarning()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = TestApp.Create(
            a => a.MapEvent<Order>("order", (e, c) => Task.CompletedTask),
            b =>
            {
                b.Logging.AddProvider(logs);
                b.Options.UndeliverableEvents = UndeliverableEventPolicy.Drop;
            });

        var result = await app.Freeze().InvokeEventAsync(Event("other"));

        Assert.Equal(EventOutcome.Drop, result.Outcome);
        Assert.Equal(202, result.StatusCode);
        Assert.Equal(404, result.Error!.StatusCode);
        Assert.Contains(logs.Messages, m => m.StartsWith("Warning: ", StringComparison.Ordinal) && m.Contains("acknowledged and discarded", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fail", UndeliverableEventPolicy.Fail)]
    [InlineData("DROP", UndeliverableEventPolicy.Drop)]
    [InlineData(" drop ", UndeliverableEventPolicy.Drop)]
    public void UndeliverableEventsPolicy_IsReadFromConfiguration(string value, UndeliverableEventPolicy expected)
    {
        var builder = FunctionApp.CreateBuilder(["--PORTABLE_UNDELIVERABLE_EVENTS=" + value]);

        Assert.Equal(expected, builder.Options.UndeliverableEvents);
    }

    [Fact]
    public void UndeliverableEventsPolicy_UnknownValue_FailsStartUp()
    {
        var builder = FunctionApp.CreateBuilder(["--PORTABLE_UNDELIVERABLE_EVENTS=ignore"]);
        var app = builder.Build();

        var failure = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("PORTABLE_UNDELIVERABLE_EVENTS", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeliverableEventsPolicy_DefaultsToFail()
    {
        Assert.Equal(UndeliverableEventPolicy.Fail, new FunctionOptions().UndeliverableEvents);
    }

    [Fact]
    public async Task DropEventException_IsDropWith422_NotRetried()
    {
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) => throw new DropEventException("poison")));

        var result = await app.Freeze().InvokeEventAsync(Event("order"));

        Assert.Equal(EventOutcome.Drop, result.Outcome);
        Assert.Equal(422, result.StatusCode);
        Assert.False(result.Error!.IsRetryable);
    }

    [Fact]
    public async Task HandlerException_IsRetryWith500()
    {
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) => throw new TimeoutException("db")));

        var result = await app.Freeze().InvokeEventAsync(Event("order"));

        Assert.Equal(EventOutcome.Retry, result.Outcome);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("TimeoutException", result.Error!.ErrorType);
    }

    [Theory]
    [InlineData("{\"id\":")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    public async Task UndeserializableData_IsNotAcknowledged_With400(string json)
    {
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) => Task.CompletedTask));

        var result = await app.Freeze().InvokeEventAsync(Event("order", json));

        Assert.Equal(EventOutcome.Retry, result.Outcome);
        Assert.Equal(400, result.StatusCode);
        Assert.False(result.Error!.IsRetryable);
    }

    [Fact]
    public async Task UndeserializableData_WithDropPolicy_IsDropped()
    {
        await using var app = TestApp.Create(
            a => a.MapEvent<Order>("order", (e, c) => Task.CompletedTask),
            b => b.Options.UndeliverableEvents = UndeliverableEventPolicy.Drop);

        var result = await app.Freeze().InvokeEventAsync(Event("order", "{\"id\":"));

        Assert.Equal(EventOutcome.Drop, result.Outcome);
        Assert.Equal(202, result.StatusCode);
    }

    [Fact]
    public async Task SettleFailedMessage_FollowsThePolicy_ButDropEventExceptionAlwaysDrops()
    {
        await using var failing = TestApp.Create(a => a.MapPost<Order, Receipt>("/o", (o, c) => throw new DropEventException("poison")));
        await using var dropping = TestApp.Create(a => a.MapPost<Order, Receipt>("/o", (o, c) => throw new DropEventException("poison")), b => b.Options.UndeliverableEvents = UndeliverableEventPolicy.Drop);
        var typed = failing.Functions[0];
        var badInput = (await failing.Freeze().InvokeJsonAsync(typed, "{"u8.ToArray())).Error!;
        var dropped = (await failing.Freeze().InvokeJsonAsync(typed, "{\"id\":\"a\",\"quantity\":1}"u8.ToArray())).Error!;

        Assert.Equal(EventOutcome.Retry, failing.Freeze().SettleFailedMessage(badInput));
        Assert.Equal(EventOutcome.Drop, dropping.Freeze().SettleFailedMessage(badInput));
        Assert.Equal(EventOutcome.Drop, failing.Freeze().SettleFailedMessage(dropped));
    }

    [Fact]
    public async Task NonJsonData_ForTypedEvent_Is415()
    {
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) => Task.CompletedTask));
        var cloudEvent = Event("order");
        cloudEvent.DataContentType = "text/csv";

        var result = await app.Freeze().InvokeEventAsync(cloudEvent);

        Assert.Equal(415, result.StatusCode);
        Assert.Equal(EventOutcome.Retry, result.Outcome);
    }
}
