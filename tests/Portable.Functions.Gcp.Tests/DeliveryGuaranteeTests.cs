using System.Net;
using System.Text;
using System.Text.Json;

namespace Portable.Functions.Gcp.Tests;

/// <summary>
/// The README's "Delivery guarantees" table, GCF rows: a Pub/Sub push subscription (raw push body) and
/// an Eventarc trigger (binary CloudEvent). Pub/Sub, and Eventarc through it, acknowledge only a 2xx
/// (102, 200, 201, 202, 204): every other status, and no answer, is retried with backoff and then sent
/// to the subscription's dead-letter topic (without one, retried until the retention period ends).
/// The target receives every event type, so "unknown event type" does not arise.
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
        using var request = new HttpRequestMessage(HttpMethod.Post, "/projects/p/topics/t") { Content = new StringContent(body ?? "{}", Encoding.UTF8, "application/json") };
        if (trigger == "eventarc")
        {
            request.Headers.Add("ce-specversion", "1.0");
            request.Headers.Add("ce-type", "t");
        }

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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

    private static async Task<HttpStatusCode> SendAsync(GcpTestServer server, string trigger)
    {
        HttpRequestMessage request;
        if (trigger == "pubsub")
        {
            // What a push subscription POSTs: the message and the subscription, the topic in the path.
            request = new HttpRequestMessage(HttpMethod.Post, "/projects/p/topics/t")
            {
                Content = new StringContent("""{"message":{"data":"eyJhIjoxfQ==","messageId":"m-1","publishTime":"2026-01-02T03:04:05Z"},"subscription":"projects/p/subscriptions/s"}""", Encoding.UTF8, "application/json"),
            };
        }
        else
        {
            request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json") };
            request.Headers.Add("ce-specversion", "1.0");
            request.Headers.Add("ce-id", "evt-1");
            request.Headers.Add("ce-source", "//pubsub.googleapis.com/projects/p/topics/t");
            request.Headers.Add("ce-type", "google.cloud.pubsub.topic.v1.messagePublished");
        }

        using (request)
        {
            using var response = await server.Client.SendAsync(request);
            return response.StatusCode;
        }
    }

    private static Task<GcpTestServer> StartAsync(Action<FunctionApp> map, Action<FunctionAppBuilder>? setup = null) =>
        GcpTestServer.StartAsync("t", map, setup: setup);
}
