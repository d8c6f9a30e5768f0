using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Portable.Functions.Aws;
using Portable.Functions.Aws.Tests;

namespace Portable.Functions.OpenTelemetry.Tests;

/// <summary>The real Lambda runtime loop against the fake Runtime API (linked from the AWS tests).</summary>
public sealed class AwsTelemetryTests
{
    // X-Ray Root=1-5759e988-bd862e3fe1be46a994272793 is W3C trace 5759e988bd862e3fe1be46a994272793.
    private const string XRay = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    [Fact]
    public async Task SqsBatch_OneConsumerSpanPerMessage_ParentIsTheInvocation_LinkedToEachMessagesTrace()
    {
        var capture = new TelemetryCapture();
        await using var host = await StartAsync(capture, app => app.MapCloudEvent(null, (cloudEvent, context) => Task.FromResult<CloudEvent?>(null)).WithName("consume"));

        var result = await host.Api.InvokeAsync(
            $$"""
            {"Records":[
              {{Sqs("m-1", "Root=1-11111111-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=1111111111111111;Sampled=1")}},
              {{Sqs("m-2", "Root=1-22222222-bbbbbbbbbbbbbbbbbbbbbbbb;Parent=2222222222222222;Sampled=1")}}
            ]}
            """,
            headers => { headers["Lambda-Runtime-Aws-Request-Id"] = "req-sqs"; headers["Lambda-Runtime-Trace-Id"] = XRay; });

        Assert.Equal("response", result.Kind);
        Assert.Equal(2, capture.Spans.Count);
        foreach (var (span, id, linkedTrace, linkedParent) in new[]
        {
            (capture.Spans[0], "m-1", "11111111aaaaaaaaaaaaaaaaaaaaaaaa", "1111111111111111"),
            (capture.Spans[1], "m-2", "22222222bbbbbbbbbbbbbbbbbbbbbbbb", "2222222222222222"),
        })
        {
            Assert.Equal("consume", span.DisplayName);
            Assert.Equal(ActivityKind.Consumer, span.Kind);
            Assert.Equal("5759e988bd862e3fe1be46a994272793", span.TraceId.ToHexString());
            Assert.Equal("53995c3f42cd8ad8", span.ParentSpanId.ToHexString());
            Assert.Equal("req-sqs", span.GetTagItem("faas.invocation_id"));
            Assert.Equal("pubsub", span.GetTagItem("faas.trigger"));
            Assert.Equal("aws_sqs", span.GetTagItem("messaging.system"));
            Assert.Equal("orders", span.GetTagItem("messaging.destination.name"));
            Assert.Equal("process", span.GetTagItem("messaging.operation.type"));
            Assert.Equal(id, span.GetTagItem("messaging.message.id"));
            Assert.Equal(2, span.GetTagItem("messaging.batch.message_count"));
            var link = Assert.Single(span.Links);
            Assert.Equal(linkedTrace, link.Context.TraceId.ToHexString());
            Assert.Equal(linkedParent, link.Context.SpanId.ToHexString());
        }

        // The flush before the response pushed the metrics out with the spans.
        Assert.Equal(2, capture.Value("faas.invocations", "consume"));
        Assert.Equal("pubsub", capture.Trigger("faas.invoke_duration", "consume"));
    }

    [Fact]
    public async Task HttpApiEvent_ServerSpanChildOfXRay_FlushedBeforeTheResponseIsPosted()
    {
        // Spans go through a batch processor whose timer never fires during the test: they are in the
        // list when the response arrives only because the loop flushed before posting it.
        var capture = new TelemetryCapture();
        await using var host = await StartAsync(capture, app => app.MapGet("/hello", (request, context) =>
        {
            context.Logger.LogInformation("hello from the handler");
            return Task.FromResult(FunctionResponse.Text("hi"));
        }).WithName("hello"), batchSpans: true);

        var result = await host.Api.InvokeAsync(
            """{"version":"2.0","routeKey":"$default","rawPath":"/hello","rawQueryString":"","headers":{"host":"abc.execute-api.eu-west-1.amazonaws.com","x-forwarded-proto":"https"},"requestContext":{"http":{"method":"GET","path":"/hello","protocol":"HTTP/1.1","sourceIp":"203.0.113.9","userAgent":"curl/8"},"requestId":"r","routeKey":"$default","stage":"$default","domainName":"abc.execute-api.eu-west-1.amazonaws.com","timeEpoch":1700000000000},"isBase64Encoded":false}""",
            headers => { headers["Lambda-Runtime-Aws-Request-Id"] = "req-http"; headers["Lambda-Runtime-Trace-Id"] = XRay; });

        Assert.Equal("response", result.Kind);
        var span = capture.Span("req-http");
        Assert.Equal("hello", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("5759e988bd862e3fe1be46a994272793", span.TraceId.ToHexString());
        Assert.Equal("53995c3f42cd8ad8", span.ParentSpanId.ToHexString());
        Assert.Equal("http", span.GetTagItem("faas.trigger"));
        Assert.Equal("https", span.GetTagItem("url.scheme"));
        Assert.Equal("abc.execute-api.eu-west-1.amazonaws.com", span.GetTagItem("server.address"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));

        // The fake invokes through the alias "live": the resource id drops it (no version is configured).
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:hello", span.GetTagItem("cloud.resource_id"));
        Assert.Equal("123456789012", span.GetTagItem("cloud.account.id"));
        var line = Assert.Single(capture.Logs, l => l.FormattedMessage == "hello from the handler");
        Assert.Equal(span.SpanId, line.SpanId);
    }

    private static string Sqs(string id, string traceHeader) => $$"""
        {"messageId":"{{id}}","receiptHandle":"rh","body":"{\"n\":1}","attributes":{"ApproximateReceiveCount":"1","AWSTraceHeader":"{{traceHeader}}","SentTimestamp":"1700000000000"},"messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:orders","awsRegion":"eu-west-1"}
        """;

    private static async Task<Host> StartAsync(TelemetryCapture capture, Action<FunctionApp> map, bool batchSpans = false)
    {
        var api = await FakeRuntimeApi.StartAsync();
        var builder = FunctionApp.CreateBuilder();
        builder.UseAws(options =>
        {
            options.RuntimeApi = api.Address;
            options.Handler = string.Empty;
        });
        builder.Logging.ClearProviders();
        capture.Configure(builder, batchSpans);
        var app = builder.Build();
        map(app);
        return new Host(api, app);
    }

    private sealed class Host : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<int> _run;

        public Host(FakeRuntimeApi api, FunctionApp app)
        {
            Api = api;
            App = app;
            _run = Task.Run(() => app.RunAsync(_stop.Token));
        }

        public FakeRuntimeApi Api { get; }

        public FunctionApp App { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
            }

            await App.DisposeAsync();
            await Api.DisposeAsync();
            _stop.Dispose();
        }
    }
}
