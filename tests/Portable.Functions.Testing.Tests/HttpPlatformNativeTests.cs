using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Portable.Functions.Testing.Tests;

/// <summary>
/// The HTTP-fronted platforms' native requests through each adapter's real request delegate, in memory:
/// Azure custom handler payloads, GCF Pub/Sub pushes and legacy events, Knative CloudEvents, OpenFaaS and
/// OpenWhisk calls.
/// </summary>
public sealed class HttpPlatformNativeTests
{
    private readonly ConcurrentQueue<CloudEvent> _received = new();

    [Fact]
    public async Task Azure_HttpTrigger_AnswersInTheHostsOutputShape()
    {
        await using var host = Host();

        var answer = await host.Native("azure").InvokeAsync(AzurePayloads.Http("hello", "GET", "/hello?name=Ada"));

        Assert.Equal(200, answer.StatusCode);
        var res = answer.ReadAsJson().GetProperty("Outputs").GetProperty("res");
        Assert.Equal(200, res.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("Hello, Ada! (azure ", res.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok", 200)]
    [InlineData("please fail", 500)]
    [InlineData("please drop", 200)]
    public async Task Azure_QueueMessage_StatusSettlesTheInvocation(string message, int status)
    {
        await using var host = Host();

        var answer = await host.Native("azure").InvokeAsync(AzurePayloads.Queue("work", message, "q-1"));

        Assert.Equal(status, answer.StatusCode);
        Assert.Equal("q-1", Assert.Single(_received).Id);
    }

    [Fact]
    public async Task Azure_ServiceBus_DeliveryCount_IsTheDeliveryAttempt()
    {
        await using var host = Host();

        var answer = await host.Native("azure").InvokeAsync(AzurePayloads.ServiceBus("bus", """{"n":1}""", "sb-9", deliveryCount: 3));

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("sb-9", Assert.Single(_received).Id);
    }

    [Fact]
    public async Task Gcp_PubSubPush_ReachesTheTarget_AsAMessagePublishedEvent()
    {
        await using var host = Host("pubsub");

        var answer = await host.Native("gcp").InvokeAsync(GcpEvents.PubSubPush("hello", new Dictionary<string, string> { ["k"] = "v" }, "ps-1"));

        Assert.InRange(answer.StatusCode, 200, 299);
        var received = Assert.Single(_received);
        Assert.Equal("google.cloud.pubsub.topic.v1.messagePublished", received.Type);
        Assert.Equal("ps-1", received.Id);
    }

    [Fact]
    public async Task Gcp_PubSubPush_HandlerFailure_IsNotAcknowledged()
    {
        await using var host = Host("pubsub");

        var answer = await host.Native("gcp").InvokeAsync(GcpEvents.PubSubPush("please fail"));

        Assert.Equal(500, answer.StatusCode);
    }

    [Fact]
    public async Task Gcp_LegacyStorageEvent_IsConvertedToItsCloudEvent()
    {
        await using var host = Host("pubsub");

        var answer = await host.Native("gcp").InvokeAsync(GcpEvents.LegacyEvent(
            "google.storage.object.finalize", "projects/_/buckets/b1/objects/o.txt", """{"bucket":"b1","name":"o.txt"}""", "legacy-1"));

        Assert.InRange(answer.StatusCode, 200, 299);
        var received = Assert.Single(_received);
        Assert.Equal("google.cloud.storage.object.v1.finalized", received.Type);
        Assert.Equal("legacy-1", received.Id);
    }

    [Fact]
    public async Task Gcp_HttpTarget_TakesEveryPath_WithTheExecutionIdAsInvocationId()
    {
        await using var host = Host("hello");

        var answer = await host.Native("gcp").InvokeAsync(GcpEvents.Http("GET", "/any/path?name=Cy", executionId: "exec-5"));

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("Hello, Cy! (gcp exec-5)", answer.ReadAsString());
    }

    [Fact]
    public async Task Gcp_WithoutATarget_FailsWithTheStartupMessage()
    {
        await using var host = Host();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Native("gcp").InvokeAsync(GcpEvents.PubSubPush("x")));

        Assert.Contains("FUNCTION_TARGET", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("structured")]
    [InlineData("batch")]
    public async Task Knative_EveryContentMode_ReachesTheEventFunction(string mode)
    {
        await using var host = Host();
        var request = mode switch
        {
            "binary" => KnativeEvents.Binary("com.example.tick", """{"n":1}""", "e-1"),
            "structured" => KnativeEvents.Structured("com.example.tick", """{"n":1}""", "e-1"),
            _ => KnativeEvents.Batch(("com.example.tick", """{"n":1}""")),
        };

        var answer = await host.Native("knative").InvokeAsync(request);

        Assert.Equal(202, answer.StatusCode);
        Assert.Equal("com.example.tick", Assert.Single(_received).Type);
    }

    [Fact]
    public async Task Knative_Batch_WithOneRetry_FailsTheWholeBatch()
    {
        await using var host = Host();

        var answer = await host.Native("knative").InvokeAsync(KnativeEvents.Batch(("com.example.tick", """{"n":"ok"}"""), ("com.example.tick", """{"n":"fail"}""")));

        Assert.Equal(500, answer.StatusCode);
    }

    [Fact]
    public async Task Knative_MalformedStructuredEvent_Answers400Problem()
    {
        await using var host = Host();
        var request = new Hosting.NativeRequest
        {
            Path = "/",
            Headers = KnativeEvents.Structured("t", null).Headers,
            Body = Encoding.UTF8.GetBytes("""{"specversion":"1.0"}"""),
        };

        var answer = await host.Native("knative").InvokeAsync(request);

        Assert.Equal(400, answer.StatusCode);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Empty(_received);
    }

    [Fact]
    public async Task Knative_Deadline_Answers504()
    {
        await using var host = Host();

        var answer = await host.Native("knative").InvokeAsync(KnativeEvents.Http("GET", "/slow"), DateTimeOffset.UtcNow.AddMilliseconds(100));

        Assert.Equal(504, answer.StatusCode);
    }

    [Fact]
    public async Task OpenFaas_CallId_IsTheInvocationId_AndCookiesAreSetCookieHeaders()
    {
        await using var host = Host();

        var answer = await host.Native("openfaas").InvokeAsync(OpenFaasRequests.Http("GET", "/hello?name=Di", callId: "call-7"));

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("Hello, Di! (openfaas call-7)", answer.ReadAsString());
        Assert.Equal("seen=1; Path=/", answer.Headers.GetFirst("Set-Cookie"));
    }

    [Fact]
    public async Task OpenWhisk_RunBeforeInit_IsRefusedWith502()
    {
        await using var host = Host();

        var answer = await host.Native("openwhisk").InvokeAsync(OpenWhiskActivations.WebAction("GET", "/hello"));

        Assert.Equal(502, answer.StatusCode);
        Assert.Equal(JsonValueKind.Object, answer.ReadAsJson().GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task OpenWhisk_WebAction_AfterInit_AnswersStatusHeadersAndBody()
    {
        await using var host = Host();
        var openWhisk = host.Native("openwhisk");

        Assert.Equal(200, (await openWhisk.InvokeAsync(OpenWhiskActivations.Init())).StatusCode);
        var answer = await openWhisk.InvokeAsync(OpenWhiskActivations.WebAction("GET", "/hello?name=Ed"));

        Assert.Equal(200, answer.StatusCode);
        var result = answer.ReadAsJson();
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("Hello, Ed! (openwhisk ", result.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenWhisk_ActivationDeadline_Answers504()
    {
        await using var host = Host();
        var openWhisk = host.Native("openwhisk");
        await openWhisk.InvokeAsync(OpenWhiskActivations.Init());

        var run = OpenWhiskActivations.WebAction("GET", "/slow");
        var answer = await openWhisk.InvokeAsync(OpenWhiskActivations.Run(
            JsonDocument.Parse(run.Body).RootElement.GetProperty("value").GetRawText(), "act-1", DateTimeOffset.UtcNow.AddMilliseconds(100)));

        // A web action's /run answers 200 with the HTTP result; the controller sends its statusCode on.
        Assert.Equal(200, answer.StatusCode);
        Assert.Equal(504, answer.ReadAsJson().GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task UnknownPlatform_ListsTheRegisteredOnes()
    {
        await using var host = FunctionTestHost.Create(b => HelloHttp.HelloHttpApp.Build(b));

        var error = Assert.Throws<InvalidOperationException>(() => host.Native("aws"));

        Assert.Contains("registered: none", error.Message, StringComparison.Ordinal);
    }

    private FunctionTestHost Host(string? target = null) => FunctionTestHost.Create(
        b => NativeApp.Build(b, _received),
        o =>
        {
            if (target is not null)
            {
                o.Configuration["FUNCTION_TARGET"] = target;
            }
        });
}
