using System.Net;
using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

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
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-type", "t");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
        await using var server = await StartAsync(a => a.MapEvent<JsonElement>("t", async (e, c) =>
        {
            if (e.Id == "2")
            {
                started.TrySetResult();
                await release.Task;
            }
        }));
        var batch = """[{"specversion":"1.0","id":"1","source":"/s","type":"t","data":{}},{"specversion":"1.0","id":"2","source":"/s","type":"t","data":{}}]""";
        using var content = new StringContent(batch, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents-batch+json");

        var call = server.Client.PostAsync("/", content);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(call.IsCompleted);
        release.SetResult();
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<HttpStatusCode> SendAsync(TestServer server, string type)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "evt-1");
        request.Headers.Add("ce-source", "/test");
        request.Headers.Add("ce-type", type);
        using var response = await server.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static Task<TestServer> StartAsync(Action<FunctionApp> map, Action<FunctionAppBuilder>? setup = null) =>
        TestServer.StartAsync(
            builder =>
            {
                builder.AddJsonContext(DeliveryJsonContext.Default);
                var app = builder.Build();
                map(app);
                return app;
            },
            setup: setup);
}
