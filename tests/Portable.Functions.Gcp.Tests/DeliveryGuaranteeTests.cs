using System.Net;
using System.Text;
using Portable.Functions.Hosting;
using Portable.Functions.Testing;

namespace Portable.Functions.Gcp.Tests;

/// <summary>
/// The README's "Delivery guarantees" table, GCF rows: a Pub/Sub push subscription (raw push body) and
/// an Eventarc trigger (binary CloudEvent). Pub/Sub, and Eventarc through it, acknowledge only a 2xx
/// (102, 200, 201, 202, 204): every other status, and no answer, is retried with backoff and then sent
/// to the subscription's dead-letter topic (without one, retried until the retention period ends).
/// The target receives every event type, so "unknown event type" does not arise. Run in memory through the
/// GCP host's real request delegate (Portable.Functions.Testing); the served path has its own tests.
/// </summary>
public sealed class DeliveryGuaranteeTests
{
    public static TheoryData<string> Triggers => ["pubsub", "eventarc"];

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task HandlerException_Answers500(string trigger)
    {
        await using var server = await StartAsync(a => a.MapCloudEvent("t", (e, c) => throw new InvalidOperationException("transient")));

        Assert.Equal(HttpStatusCode.InternalServerError, await SendAsync(server, trigger));
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task Deadline_Answers504(string trigger)
    {
        await using var server = await StartAsync(
            a => a.MapCloudEvent("t", async (e, c) =>
            {
                await Task.Delay(Timeout.Infinite, c.CancellationToken);
                return null;
            }),
            b => b.Options.Timeout = TimeSpan.FromMilliseconds(700));

        Assert.Equal(HttpStatusCode.GatewayTimeout, await SendAsync(server, trigger));
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task UndeserializableData_Answers400_NotAcknowledged(string trigger)
    {
        await using var server = await StartAsync(a => a.MapEvent<int>("t", (e, c) => Task.CompletedTask));

        Assert.Equal(HttpStatusCode.BadRequest, await SendAsync(server, trigger));
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task UndeserializableData_WithDropPolicy_Answers202(string trigger)
    {
        await using var server = await StartAsync(
            a => a.MapEvent<int>("t", (e, c) => Task.CompletedTask),
            b => b.Options.UndeliverableEvents = UndeliverableEventPolicy.Drop);

        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(server, trigger));
    }

    [Theory]
    [InlineData("pubsub", """{"message":"not an object"}""")]
    [InlineData("eventarc", null)]
    public async Task MalformedEnvelope_Answers400_NotAcknowledged(string trigger, string? body)
    {
        await using var server = await StartAsync(a => a.MapCloudEvent("t", (e, c) => Task.FromResult<CloudEvent?>(null)));
        var request = new NativeRequest { Path = "/projects/p/topics/t", Headers = new HeaderCollection(), Body = Encoding.UTF8.GetBytes(body ?? "{}") };
        request.Headers.Add("Content-Type", "application/json");
        if (trigger == "eventarc")
        {
            request.Headers.Add("ce-specversion", "1.0");
            request.Headers.Add("ce-type", "t");
        }

        var answer = await server.Native("gcp").InvokeAsync(request);

        Assert.Equal(400, answer.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task DropEventException_Answers422_WhichPubSubRetries(string trigger)
    {
        await using var server = await StartAsync(a => a.MapCloudEvent("t", (e, c) => throw new DropEventException("poison")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, await SendAsync(server, trigger));
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task Crash_NothingIsAnsweredBeforeTheHandlerIsDone(string trigger)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(a => a.MapCloudEvent("t", async (e, c) =>
        {
            started.TrySetResult();
            await release.Task;
            return null;
        }));

        var call = SendAsync(server, trigger);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(call.IsCompleted);
        release.SetResult();
        Assert.Equal(HttpStatusCode.Accepted, await call.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<HttpStatusCode> SendAsync(FunctionTestHost host, string trigger)
    {
        // What a push subscription POSTs (the message and the subscription, the topic in the path), or
        // what Eventarc POSTs (a binary CloudEvent), through the GCP host's real request delegate.
        var request = trigger == "pubsub"
            ? GcpEvents.PubSubPush("""{"a":1}""", messageId: "m-1", subscription: "projects/p/subscriptions/s", path: "/projects/p/topics/t")
            : KnativeEvents.Binary("google.cloud.pubsub.topic.v1.messagePublished", """{"a":1}""", "evt-1", "//pubsub.googleapis.com/projects/p/topics/t");
        return (HttpStatusCode)(await host.Native("gcp").InvokeAsync(request)).StatusCode;
    }

    private static Task<FunctionTestHost> StartAsync(Action<FunctionApp> map, Action<FunctionAppBuilder>? setup = null) =>
        Task.FromResult(FunctionTestHost.Create(
            builder =>
            {
                builder.UseGcp();
                builder.AddJsonContext(TestJsonContext.Default);
                setup?.Invoke(builder);
                var app = builder.Build();
                map(app);
                return app;
            },
            o => o.Configuration["FUNCTION_TARGET"] = "t"));
}
