using System.Text;
using HelloHttp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing.Tests;

public sealed class FunctionTestHostTests
{
    private static readonly DateTimeOffset s_noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SampleHello_AnswersThroughThePipeline()
    {
        await using var host = FunctionTestHost.Create(HelloHttpApp.Build);

        var response = await host.GetAsync("/hello?name=Ada");

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("text/plain", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("Hello, Ada!", response.ReadAsString());
    }

    [Fact]
    public async Task SampleOrder_TypedJson_ReadsBackWithTheAppsMetadata()
    {
        await using var host = FunctionTestHost.Create(HelloHttpApp.Build);

        var receipt = (await host.PostJsonAsync("/orders", new Order("o-1", 2))).ReadAsJson<OrderReceipt>();

        Assert.Equal(new OrderReceipt("o-1", 2, "accepted"), receipt);
    }

    [Fact]
    public async Task SampleOrder_InvalidOrder_Returns400Problem_AndLogsOnce()
    {
        await using var host = FunctionTestHost.Create(HelloHttpApp.Build);

        var response = await host.PostAsync("/orders", """{"id":"","quantity":0}""", options: new InvocationOptions { InvocationId = "req-7" });

        Assert.Equal(400, response.StatusCode);
        var problem = response.ReadAsProblem();
        Assert.Equal("req-7", problem.GetProperty("invocationId").GetString());
        Assert.Contains("non-empty 'id'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(host.Logs, line => line.InvocationId == "req-7" && line.Level >= LogLevel.Information);
    }

    [Fact]
    public async Task SampleOrderPlacedEvent_RepliesWithConfirmation()
    {
        await using var host = FunctionTestHost.Create(HelloHttpApp.Build);

        var result = await host.SendEventAsync(host.Event(HelloHttpApp.OrderPlacedType, new OrderPlaced("o-9", 1)));

        Assert.Equal(EventOutcome.Success, result.Outcome);
        Assert.Equal(HelloHttpApp.OrderConfirmedType, result.Reply!.Type);
        Assert.Contains("o-9", Encoding.UTF8.GetString(result.Reply.Data.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacedService_WinsOverTheAppsRegistration()
    {
        await using var host = FunctionTestHost.Create(ClockApp.Build, o => o.ConfigureServices = s => s.AddSingleton<IClock>(new FixedClock(s_noon)));

        var stamp = (await host.PostJsonAsync("/stamp", new Tick(3))).ReadAsJson<Stamp>();

        Assert.Equal(s_noon, stamp.At);
        Assert.Equal("tick-3", stamp.Label);
        Assert.IsType<FixedClock>(host.Services.GetRequiredService<IClock>());
    }

    [Fact]
    public async Task ConfigurationValues_AreSeenByTheAppsBuilderMethod()
    {
        await using var host = FunctionTestHost.Create(ClockApp.Build, o => o.Configuration["Clock:Region"] = "eu-west-1");

        var stamp = await host.InvokeAsync<Tick, Stamp>("stamp", new Tick(1));

        Assert.Equal("eu-west-1", stamp.Region);
    }

    [Fact]
    public async Task Deadline_FiresTheFunctionsToken_AndAnswers504()
    {
        await using var host = FunctionTestHost.Create(ClockApp.Build);

        var response = await host.GetAsync("/slow", new InvocationOptions { Deadline = DateTimeOffset.UtcNow.AddMilliseconds(50) });

        Assert.Equal(504, response.StatusCode);
    }

    [Fact]
    public async Task Batch_ReportsEachMessagesOutcome()
    {
        await using var host = FunctionTestHost.Create(ClockApp.Build);

        var batch = await host.SendBatchAsync([host.Event("tick", new Tick(1)), host.Event("tick", new Tick(0)), host.Event("tick", new Tick(-1))]);

        Assert.Equal([EventOutcome.Success, EventOutcome.Retry, EventOutcome.Drop], batch.Items.Select(i => i.Outcome));
    }

    [Fact]
    public async Task InvokeAsync_UnknownFunction_Throws()
    {
        await using var host = FunctionTestHost.Create(ClockApp.Build);

        await Assert.ThrowsAsync<ArgumentException>(() => host.InvokeAsync<Tick, Stamp>("nope", new Tick(1)));
    }

    [Fact]
    public void InvalidRegistrations_FailAtCreate_WithTheStartupMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionTestHost.Create(builder =>
        {
            var app = builder.Build();
            app.MapGet("/a", (r, c) => Task.FromResult(new FunctionResponse(200)));
            app.MapGet("/a", (r, c) => Task.FromResult(new FunctionResponse(200)));
            return app;
        }));

        Assert.Contains("/a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuilderMethodThatIgnoresTheBuilder_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionTestHost.Create(_ => FunctionApp.CreateBuilder().Build()));

        Assert.Contains("builder.Build()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_CarryTheInvocationId_AndCanBeCleared()
    {
        await using var host = FunctionTestHost.Create(HelloHttpApp.Build);

        await host.PostJsonAsync("/orders", new Order("o-2", 1), new InvocationOptions { InvocationId = "inv-42" });

        var line = Assert.Single(host.Logs, l => l.Message.Contains("o-2", StringComparison.Ordinal));
        Assert.Equal("inv-42", line.InvocationId);
        host.ClearLogs();
        Assert.Empty(host.Logs);
    }
}
