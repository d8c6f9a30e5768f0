using System.Text;
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
    public async Task UndeserializableData_IsDroppedWith400(string json)
    {
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) => Task.CompletedTask));

        var result = await app.Freeze().InvokeEventAsync(Event("order", json));

        Assert.Equal(EventOutcome.Drop, result.Outcome);
        Assert.Equal(400, result.StatusCode);
    }

    [Fact]
    public async Task NonJsonData_ForTypedEvent_Is415()
    {
        await using var app = TestApp.Create(a => a.MapEvent<Order>("order", (e, c) => Task.CompletedTask));
        var cloudEvent = Event("order");
        cloudEvent.DataContentType = "text/csv";

        Assert.Equal(415, (await app.Freeze().InvokeEventAsync(cloudEvent)).StatusCode);
    }
}
