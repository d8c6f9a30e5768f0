using System.Net;
using System.Text.Json;
using Portable.Functions.Testing;

namespace Portable.Functions.Knative.Tests;

/// <summary>
/// The README's "Delivery guarantees" table, Knative broker/trigger row: the status the function answers
/// decides what eventing does (2xx done; 404, 408, 409, 429, 5xx and no answer retried, then the
/// dead-letter sink; other 4xx straight to the dead-letter sink, dropped when none is configured).
/// </summary>
public sealed class DeliveryGuaranteeTests
{
    [Fact]
    public async Task HandlerException_Answers500_Retried()
    {
        await using var server = await StartAsync(a => a.MapEvent<JsonElement>("t", (e, c) => throw new InvalidOperationException("transient")));

        Assert.Equal(HttpStatusCode.InternalServerError, await SendAsync(server, "t"));
    }

    [Fact]
    public async Task Deadline_Answers504_Retried()
    {
        await using var server = await StartAsync(
            a => a.MapEvent<JsonElement>("t", async (e, c) => await Task.Delay(Timeout.Infinite, c.CancellationToken)),
            b => b.Options.Timeout = TimeSpan.FromMilliseconds(700));

        Assert.Equal(HttpStatusCode.GatewayTimeout, await SendAsync(server, "t"));
    }

    [Fact]
    public async Task UnknownEventType_Answers404_RetriedThenDeadLettered()
    {
        await using var server = await StartAsync(a => a.MapEvent<JsonElement>("t", (e, c) => Task.CompletedTask));

        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(server, "other"));
    }

    [Fact]
    public async Task UndeserializableData_Answers400_DeadLettered()
    {
        await using var server = await StartAsync(a => a.MapEvent<int>("t", (e, c) => Task.CompletedTask));

        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(server, "t"));
    }

    [Fact]
    public async Task UnknownTypeAndUndeserializableData_WithDropPolicy_Answer202()
    {
        await using var server = await StartAsync(
            a => a.MapEvent<int>("t", (e, c) => Task.CompletedTask),
            b => b.Options.UndeliverableEvents = UndeliverableEventPolicy.Drop);

        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(server, "t"));
        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(server, "other"));
    }

    [Fact]
    public async Task MalformedEnvelope_Answers400_DeadLettered()
    {
        await using var server = await StartAsync(a => a.MapEvent<JsonElement>("t", (e, c) => Task.CompletedTask));
        var request = KnativeEvents.Http("POST", "/", "{}");
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-type", "t");

        var answer = await server.Native("knative").InvokeAsync(request);

        Assert.Equal(400, answer.StatusCode);
    }

    [Fact]
    public async Task DropEventException_Answers422_DeadLettered()
    {
        await using var server = await StartAsync(a => a.MapEvent<JsonElement>("t", (e, c) => throw new DropEventException("poison")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, await SendAsync(server, "t"));
    }

    [Fact]
    public async Task CrashMidBatch_NothingIsAnsweredBeforeEveryEventIsDone()
    {
        // A batch is answered once, after its last event: a process that dies first never answers, and
        // eventing retries the whole delivery.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? second = null;
        await using var server = await StartAsync(a => a.MapEvent<JsonElement>("t", async (e, c) =>
        {
            if (e.Id == second)
            {
                started.TrySetResult();
                await release.Task;
            }
        }));
        var batch = KnativeEvents.Batch(("t", "{}"), ("t", "{}"));
        second = JsonDocument.Parse(batch.Body).RootElement[1].GetProperty("id").GetString();

        var call = server.Native("knative").InvokeAsync(batch);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(call.IsCompleted);
        release.SetResult();
        var answer = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(202, answer.StatusCode);
    }

    // A binary-mode CloudEvent as a broker's trigger delivers it, through the Knative host's real request
    // delegate in memory (Portable.Functions.Testing); the served path keeps its own Kestrel tests.
    private static async Task<HttpStatusCode> SendAsync(FunctionTestHost host, string type) =>
        (HttpStatusCode)(await host.Native("knative").InvokeAsync(KnativeEvents.Binary(type, """{"a":1}""", "evt-1", "/test"))).StatusCode;

    private static Task<FunctionTestHost> StartAsync(Action<FunctionApp> map, Action<FunctionAppBuilder>? setup = null) =>
        Task.FromResult(FunctionTestHost.Create(builder =>
        {
            builder.UseKnative();
            builder.AddJsonContext(DeliveryJsonContext.Default);
            setup?.Invoke(builder);
            var app = builder.Build();
            map(app);
            return app;
        }));
}
