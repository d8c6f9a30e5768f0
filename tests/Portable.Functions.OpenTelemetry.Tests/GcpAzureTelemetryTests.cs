using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Portable.Functions.Azure;
using Portable.Functions.Gcp;
using Portable.Functions.Hosting;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.OpenTelemetry.Tests;

/// <summary>The GCF host (Cloud Logging lines, X-Cloud-Trace-Context) and the Azure custom handler (queue batches).</summary>
public sealed class GcpAzureTelemetryTests
{
    [Fact]
    public async Task Gcf_CloudTraceHeaderIsTheParent_AndCloudLoggingLinesCarryTheSpan()
    {
        var capture = new TelemetryCapture();
        var logs = new StringWriter();
        var port = Loopback.FreePort();
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["FUNCTION_TARGET"] = "hello", ["K_SERVICE"] = "hello-svc" });
        builder.UseGcp(options =>
        {
            options.Server.Port = port;
            options.Server.BindAddress = IPAddress.Loopback;
            options.ProjectId = "my-project";
            options.LogWriter = logs;
        });
        capture.Configure(builder);
        await using var app = builder.Build();
        app.MapGet("/hello", (request, context) =>
        {
            context.Logger.LogWarning("careful");
            return Task.FromResult(FunctionResponse.Text("hi"));
        }).WithName("hello");
        using var stop = new CancellationTokenSource();
        var run = app.RunAsync(stop.Token);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var response = await Loopback.SendWhenUpAsync(client, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/any");
                request.Headers.Add("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1");
                request.Headers.Add("Function-Execution-Id", "exec-1");
                return request;
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }

        var span = capture.Span("exec-1");
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("105445aa7843bc8bf206b12000100000", span.TraceId.ToHexString());
        Assert.Equal("0000000000000001", span.ParentSpanId.ToHexString());
        Assert.Equal("http", span.GetTagItem("faas.trigger"));

        var line = logs.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.Contains("careful", StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(line);
        var root = entry.RootElement;
        Assert.Equal("WARNING", root.GetProperty("severity").GetString());
        Assert.Equal("projects/my-project/traces/105445aa7843bc8bf206b12000100000", root.GetProperty("logging.googleapis.com/trace").GetString());
        Assert.Equal(span.SpanId.ToHexString(), root.GetProperty("logging.googleapis.com/spanId").GetString());
        Assert.True(root.GetProperty("logging.googleapis.com/trace_sampled").GetBoolean());
        Assert.Equal("exec-1", root.GetProperty("logging.googleapis.com/labels").GetProperty("execution_id").GetString());
    }

    [Fact]
    public async Task Gcf_RejectedCloudEvent_LogLineCarriesTheCallersTrace()
    {
        var logs = new StringWriter();
        var port = Loopback.FreePort();
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["FUNCTION_TARGET"] = "ping", ["K_SERVICE"] = "ping-svc" });
        builder.UseGcp(options =>
        {
            options.Server.Port = port;
            options.Server.BindAddress = IPAddress.Loopback;
            options.ProjectId = "my-project";
            options.LogWriter = logs;
        });
        await using var app = builder.Build();
        app.MapCloudEvent("com.example.ping", (cloudEvent, context) => Task.FromResult<CloudEvent?>(null)).WithName("ping");
        using var stop = new CancellationTokenSource();
        var run = app.RunAsync(stop.Token);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var response = await Loopback.SendWhenUpAsync(client, () =>
            {
                // A binary CloudEvent without ce-source: rejected with 400 before any function runs.
                var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
                request.Headers.Add("ce-specversion", "1.0");
                request.Headers.Add("ce-id", "evt-1");
                request.Headers.Add("ce-type", "com.example.ping");
                request.Headers.Add("X-Cloud-Trace-Context", "205445aa7843bc8bf206b12000100000/2;o=1");
                request.Headers.Add("Function-Execution-Id", "exec-rejected");
                return request;
            });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }

        var line = logs.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.Contains("exec-rejected", StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(line);
        var root = entry.RootElement;
        Assert.Equal("projects/my-project/traces/205445aa7843bc8bf206b12000100000", root.GetProperty("logging.googleapis.com/trace").GetString());
        Assert.Equal("-", root.GetProperty("logging.googleapis.com/labels").GetProperty("function").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GcfPubSubMessage_ConsumerSpanNamesTheTopicAndTheMessage(bool binaryCloudEvent)
    {
        var capture = new TelemetryCapture();
        var port = Loopback.FreePort();
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["FUNCTION_TARGET"] = "orders", ["K_SERVICE"] = "orders-svc" });
        builder.UseGcp(options =>
        {
            options.Server.Port = port;
            options.Server.BindAddress = IPAddress.Loopback;
            options.LogWriter = TextWriter.Null;
        });
        capture.Configure(builder);
        await using var app = builder.Build();
        app.MapCloudEvent("google.cloud.pubsub.topic.v1.messagePublished", (cloudEvent, context) => Task.FromResult<CloudEvent?>(null)).WithName("orders");
        using var stop = new CancellationTokenSource();
        var run = app.RunAsync(stop.Token);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var response = await Loopback.SendWhenUpAsync(client, () =>
            {
                HttpRequestMessage request;
                if (binaryCloudEvent)
                {
                    // What Eventarc delivers for a Pub/Sub trigger (binary mode, MessagePublishedData body).
                    request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("""{"message":{"data":"e30=","messageId":"msg-7","publishTime":"2026-12-01T10:00:00Z"},"subscription":"projects/p/subscriptions/s"}""", Encoding.UTF8, "application/json") };
                    request.Headers.Add("ce-specversion", "1.0");
                    request.Headers.Add("ce-id", "msg-7");
                    request.Headers.Add("ce-source", "//pubsub.googleapis.com/projects/p/topics/orders-topic");
                    request.Headers.Add("ce-type", "google.cloud.pubsub.topic.v1.messagePublished");
                }
                else
                {
                    // A raw Pub/Sub push subscription delivery (the legacy path converts it).
                    request = new HttpRequestMessage(HttpMethod.Post, "/projects/p/topics/orders-topic") { Content = new StringContent("""{"message":{"data":"e30=","messageId":"msg-7","publishTime":"2026-12-01T10:00:00Z"},"subscription":"projects/p/subscriptions/s"}""", Encoding.UTF8, "application/json") };
                }

                request.Headers.Add("Function-Execution-Id", "exec-pubsub");
                return request;
            });
            Assert.True(response.IsSuccessStatusCode, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }

        var span = capture.Span("exec-pubsub");
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal("pubsub", span.GetTagItem("faas.trigger"));
        Assert.Equal("gcp_pubsub", span.GetTagItem("messaging.system"));
        Assert.Equal("orders-topic", span.GetTagItem("messaging.destination.name"));
        Assert.Equal("msg-7", span.GetTagItem("messaging.message.id"));
    }

    [Fact]
    public async Task AzureQueueBatch_OneConsumerSpanPerMessage_ChildOfTheHostsTraceparent()
    {
        var capture = new TelemetryCapture();
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        capture.Configure(builder);
        await using var app = builder.Build();
        app.MapCloudEvent(AzureEventTypes.QueueMessage, (cloudEvent, context) => Task.FromResult<CloudEvent?>(null))
            .WithName("QueueTrigger").AzureQueueTrigger("incoming");
        await using var server = await AzureCustomHandlerServer.StartAsync(app, new AzureCustomHandlerOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Addresses[0] };

        using var request = new HttpRequestMessage(HttpMethod.Post, "/QueueTrigger")
        {
            Content = new StringContent("""{"Data":{"input":"\"hello\""},"Metadata":{"Id":"msg-1","DequeueCount":"1"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", "inv-q1");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var span = capture.Span("inv-q1");
        Assert.Equal("QueueTrigger", span.DisplayName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", span.ParentSpanId.ToHexString());
        Assert.Equal("pubsub", span.GetTagItem("faas.trigger"));
        Assert.Equal("azure_storage_queues", span.GetTagItem("messaging.system"));
        Assert.Equal("incoming", span.GetTagItem("messaging.destination.name"));
        app.Freeze().FlushBeforeFreeze(null);
        Assert.Equal(1, capture.Value("faas.invocations", "QueueTrigger"));
    }

    [Fact]
    public async Task AzureEventHubBatch_EachEventsSpanLinksToItsDiagnosticId()
    {
        var capture = new TelemetryCapture();
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        capture.Configure(builder);
        await using var app = builder.Build();
        app.MapCloudEvent(AzureEventTypes.EventHubEvent, (cloudEvent, context) => Task.FromResult<CloudEvent?>(null))
            .WithName("Telemetry").AzureEventHubTrigger("readings");
        await using var server = await AzureCustomHandlerServer.StartAsync(app, new AzureCustomHandlerOptions { Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Addresses[0] };

        // Two events; the first carries the producer's Diagnostic-Id, the second a legacy Request-Id form (ignored).
        const string metadata = """
            {"SequenceNumberArray":[10,11],"PartitionKeyArray":["a","b"],"EnqueuedTimeUtcArray":["2026-12-01T10:00:00Z","2026-12-01T10:00:01Z"],
             "PropertiesArray":[{"Diagnostic-Id":"00-11111111111111111111111111111111-2222222222222222-01"},{"Diagnostic-Id":"|abc.1."}],
             "TriggerPartitionContext":{"PartitionId":"3"}}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Telemetry")
        {
            Content = new StringContent($$"""{"Data":{"input":["{\"t\":1}","{\"t\":2}"]},"Metadata":{{metadata}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", "inv-eh");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(2, capture.Spans.Count);
        var first = Assert.Single(capture.Spans, s => (string?)s.GetTagItem("messaging.message.id") == "3-10");
        var link = Assert.Single(first.Links);
        Assert.Equal("11111111111111111111111111111111", link.Context.TraceId.ToHexString());
        Assert.Equal("2222222222222222", link.Context.SpanId.ToHexString());
        var second = Assert.Single(capture.Spans, s => (string?)s.GetTagItem("messaging.message.id") == "3-11");
        Assert.Empty(second.Links);
        Assert.Equal("eventhubs", second.GetTagItem("messaging.system"));
        Assert.Equal(2, second.GetTagItem("messaging.batch.message_count"));
    }
}
