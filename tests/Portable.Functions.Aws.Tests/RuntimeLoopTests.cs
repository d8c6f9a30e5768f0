using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Aws.Tests;

/// <summary>The real runtime loop, end to end, against the fake Runtime API, with the sample's handlers.</summary>
[Collection(RuntimeLoopCollection.Name)]
public sealed class RuntimeLoopTests
{
    [Fact]
    public async Task HttpApiV2_Hello_PostsNativeResponseWithGreeting()
    {
        await using var host = await LambdaTestHost.StartSampleAsync();

        var result = await host.Api.InvokeAsync(Events.HttpApi("GET", "/hello", "name=Ada"));

        Assert.Equal("response", result.Kind);
        var json = result.Json;
        Assert.Equal(200, json.GetProperty("statusCode").GetInt32());
        Assert.Equal("Hello, Ada!", json.GetProperty("body").GetString());
        Assert.False(json.GetProperty("isBase64Encoded").GetBoolean());
        Assert.StartsWith("text/plain", json.GetProperty("headers").GetProperty("Content-Type").GetString());
    }

    [Fact]
    public async Task RestApiV1_Orders_ReturnsTypedJsonReceipt()
    {
        await using var host = await LambdaTestHost.StartSampleAsync();

        var result = await host.Api.InvokeAsync(Events.RestApi("POST", "/orders", body: """{"id":"o-1","quantity":2}""", headers: """{"Content-Type":"application/json"}"""));

        var json = result.Json;
        Assert.Equal(200, json.GetProperty("statusCode").GetInt32());
        Assert.Equal("o-1", JsonDocument.Parse(json.GetProperty("body").GetString()!).RootElement.GetProperty("id").GetString());
        Assert.Equal("application/json; charset=utf-8", json.GetProperty("multiValueHeaders").GetProperty("Content-Type")[0].GetString());
    }

    [Fact]
    public async Task FunctionUrl_And_Alb_SameHandler_AnswerInTheirOwnShapes()
    {
        await using var host = await LambdaTestHost.StartSampleAsync();

        var url = (await host.Api.InvokeAsync(Events.FunctionUrl("GET", "/hello", "name=Url"))).Json;
        var albSingle = (await host.Api.InvokeAsync(Events.AlbSingle("GET", "/hello", """{"name":"Alb%20One"}"""))).Json;
        var albMulti = (await host.Api.InvokeAsync(Events.AlbMulti("GET", "/hello", """{"name":["Alb%20Two"]}"""))).Json;

        Assert.Equal("Hello, Url!", url.GetProperty("body").GetString());
        Assert.Equal("Hello, Alb One!", albSingle.GetProperty("body").GetString());
        Assert.Equal("200 OK", albSingle.GetProperty("statusDescription").GetString());
        Assert.True(albSingle.TryGetProperty("headers", out _));
        Assert.False(albSingle.TryGetProperty("multiValueHeaders", out _));
        Assert.Equal("Hello, Alb Two!", albMulti.GetProperty("body").GetString());
        Assert.True(albMulti.TryGetProperty("multiValueHeaders", out _));
        Assert.False(albMulti.TryGetProperty("headers", out _));
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemInNativeShape()
    {
        await using var host = await LambdaTestHost.StartSampleAsync();

        var json = (await host.Api.InvokeAsync(Events.HttpApi("GET", "/nope"))).Json;

        Assert.Equal(404, json.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/problem+json", json.GetProperty("headers").GetProperty("Content-Type").GetString());
    }

    [Fact]
    public async Task DirectInvoke_PlainJson_GoesToTheTypedFunction()
    {
        await using var host = await LambdaTestHost.StartSampleAsync();

        var result = await host.Api.InvokeAsync("""{"id":"o-9","quantity":3}""");

        Assert.Equal("response", result.Kind);
        Assert.Equal("accepted", result.Json.GetProperty("status").GetString());
        Assert.Equal(3, result.Json.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task DirectInvoke_InvalidInput_PostsFunctionError()
    {
        await using var host = await LambdaTestHost.StartSampleAsync();

        var result = await host.Api.InvokeAsync("""{"id":"","quantity":0}""");

        Assert.Equal("error", result.Kind);
        Assert.StartsWith("Function.", result.ErrorTypeHeader);
        Assert.Contains("quantity", result.Json.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.Array, result.Json.GetProperty("stackTrace").ValueKind);
    }

    [Fact]
    public async Task SqsBatch_CloudEventBodies_ReachTheSampleEventFunction()
    {
        await using var host = await LambdaTestHost.StartSampleAsync();

        var result = await host.Api.InvokeAsync(Events.Sqs(
            Events.SqsRecord("m-1", Events.OrderPlacedCloudEvent("e-1", "o-1")),
            Events.SqsRecord("m-2", Events.OrderPlacedCloudEvent("e-2", "o-2"))));

        Assert.Equal("response", result.Kind);
        Assert.Equal(0, result.Json.GetProperty("batchItemFailures").GetArrayLength());
    }

    [Fact]
    public async Task SqsBatch_FailedRecord_IsTheOnlyBatchItemFailure_DroppedIsHandled()
    {
        await using var host = await LambdaTestHost.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapCloudEvent(AwsEventMapper.SqsMessageType, (cloudEvent, context) =>
            {
                var body = Encoding.UTF8.GetString(cloudEvent.Data.Span);
                return body switch
                {
                    "fail" => throw new InvalidOperationException("transient"),
                    "drop" => throw new DropEventException("poison"),
                    _ => Task.FromResult<CloudEvent?>(null),
                };
            });
            return app;
        });

        var result = await host.Api.InvokeAsync(Events.Sqs(Events.SqsRecord("m-1", "ok"), Events.SqsRecord("m-2", "fail"), Events.SqsRecord("m-3", "drop"), Events.SqsRecord("m-4", "ok")));

        var failures = result.Json.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!).ToArray();
        Assert.Equal<string>(["m-2"], failures);
    }

    [Fact]
    public async Task SqsFifo_StopsAtFirstFailure_AndReportsTheRest()
    {
        var seen = new List<string>();
        await using var host = await LambdaTestHost.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapCloudEvent(AwsEventMapper.SqsMessageType, (cloudEvent, context) =>
            {
                seen.Add(cloudEvent.Id);
                return cloudEvent.Id == "m-2" ? throw new InvalidOperationException("transient") : Task.FromResult<CloudEvent?>(null);
            });
            return app;
        });
        const string fifo = "arn:aws:sqs:eu-west-1:123456789012:orders.fifo";

        var result = await host.Api.InvokeAsync(Events.Sqs(Events.SqsRecord("m-1", "a", fifo), Events.SqsRecord("m-2", "b", fifo), Events.SqsRecord("m-3", "c", fifo)));

        var failures = result.Json.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!).ToArray();
        Assert.Equal<string>(["m-2", "m-3"], failures);
        Assert.Equal<string>(["m-1", "m-2"], seen);
    }

    [Fact]
    public async Task KinesisBatch_FailureReportsSequenceNumber_AndStops()
    {
        await using var host = await LambdaTestHost.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapCloudEvent(AwsEventMapper.KinesisRecordType, (cloudEvent, context) =>
                cloudEvent.GetExtensionString("sequence") == "200" ? throw new InvalidOperationException("transient") : Task.FromResult<CloudEvent?>(null));
            return app;
        });

        var result = await host.Api.InvokeAsync(Events.Kinesis(Events.KinesisRecord("100", "aGk="), Events.KinesisRecord("200", "aGk="), Events.KinesisRecord("300", "aGk=")));

        var failures = result.Json.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!).ToArray();
        Assert.Equal<string>(["200"], failures);
    }

    [Fact]
    public async Task UnknownEventShape_WithoutTypedFunction_PostsRuntimeError_AndLoopContinues()
    {
        await using var host = await LambdaTestHost.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapGet("/ping", (request, context) => Task.FromResult(FunctionResponse.Text("pong")));
            return app;
        });

        var unknown = await host.Api.InvokeAsync("""{"hello":"world"}""");
        var malformed = await host.Api.InvokeAsync("""{"hello":""");
        var after = await host.Api.InvokeAsync(Events.HttpApi("GET", "/ping"));

        Assert.Equal("error", unknown.Kind);
        Assert.Equal("Runtime.UnknownEventShape", unknown.ErrorTypeHeader);
        Assert.Equal("UnknownEventShape", unknown.Json.GetProperty("errorType").GetString());
        Assert.Equal("error", malformed.Kind);
        Assert.Equal("Runtime.InvalidEvent", malformed.ErrorTypeHeader);
        Assert.Equal("pong", after.Json.GetProperty("body").GetString());
    }

    [Fact]
    public async Task BodyFlaggedBase64ButNotBase64_Answers400_NeverCrashes()
    {
        await using var host = await LambdaTestHost.StartSampleAsync();

        var result = await host.Api.InvokeAsync(Events.HttpApi("POST", "/orders", body: "not really base64!", base64: true, headers: """{"content-type":"application/json"}"""));
        var after = await host.Api.InvokeAsync(Events.HttpApi("GET", "/hello"));

        Assert.Equal(400, result.Json.GetProperty("statusCode").GetInt32());
        Assert.Contains("base64", result.Json.GetProperty("body").GetString());
        Assert.Equal(200, after.Json.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task ResponseOverPayloadLimit_Gets413_PostsNothingMore_AndLogsItOnce()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await LambdaTestHost.StartAsync(
            builder =>
            {
                var app = builder.Build();
                app.MapGet("/big", (request, context) => Task.FromResult(FunctionResponse.Text(new string('x', 4096))));
                app.MapGet("/small", (request, context) => Task.FromResult(FunctionResponse.Text("ok")));
                return app;
            },
            maxResponseBytes: 1024,
            logs: logs);

        var result = await host.Api.InvokeAsync(Events.HttpApi("GET", "/big"));
        var after = await host.Api.InvokeAsync(Events.HttpApi("GET", "/small"));

        Assert.Equal("too-large", result.Kind);
        Assert.Equal("response", after.Kind);
        Assert.Equal(0, host.Api.RefusedPosts);
        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        var line = Assert.Single(errors);
        Assert.Contains("6291456-byte (6 MB) response limit", line.Message, StringComparison.Ordinal);
        Assert.Contains("Function.ResponseSizeTooLarge", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventOverTheInvokeLimit_IsARuntimeErrorNamingTheLimit_AndTheLoopContinues()
    {
        await using var host = await LambdaTestHost.StartSampleAsync();
        var huge = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', (6 * 1024 * 1024) + 16) + "\"}");

        var result = await host.Api.InvokeAsync(huge);
        var after = await host.Api.InvokeAsync(Events.HttpApi("GET", "/hello"));

        Assert.Equal("error", result.Kind);
        Assert.Equal("Runtime.EventTooLarge", result.ErrorTypeHeader);
        Assert.Contains("6 MB invoke payload limit (6291456 bytes)", result.Json.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, after.Json.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task ResponseOverPayloadLimit_TheAdaptersLine_CarriesTheRequestId()
    {
        var output = new StringWriter();
        await using var host = await LambdaTestHost.StartAsync(
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(new AwsLoggerProvider(json: true, output));
                var app = builder.Build();
                app.MapGet("/big", (request, context) => Task.FromResult(FunctionResponse.Text(new string('x', 4096))));
                return app;
            },
            maxResponseBytes: 1024);

        await host.Api.InvokeAsync(Events.HttpApi("GET", "/big"), headers => headers["Lambda-Runtime-Aws-Request-Id"] = "req-big-1");

        // The fake answers 413 before the loop writes its line: wait for it (bounded).
        for (var i = 0; i < 100 && !output.ToString().Contains("response limit", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }

        var entry = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(e => e.GetProperty("message").GetString()!.Contains("response limit", StringComparison.Ordinal));
        Assert.Equal("req-big-1", entry.GetProperty("requestId").GetString());
        Assert.Equal("-", entry.GetProperty("function").GetString());
        Assert.True(entry.GetProperty("Bytes").GetInt32() > 4096);
    }

    [Fact]
    public async Task NextHeaders_ReachTheContext_AndXRayBecomesTraceParent()
    {
        FunctionContext? seen = null;
        string? envTrace = null;
        await using var host = await LambdaTestHost.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapGet("/ctx", (request, context) =>
            {
                seen = context;
                envTrace = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
                return Task.FromResult(FunctionResponse.Text("ok"));
            });
            return app;
        });
        var deadline = DateTimeOffset.UtcNow.AddSeconds(42);
        const string xray = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

        await host.Api.InvokeAsync(Events.HttpApi("GET", "/ctx"), h =>
        {
            h["Lambda-Runtime-Aws-Request-Id"] = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
            h["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            h["Lambda-Runtime-Trace-Id"] = xray;
            h["Lambda-Runtime-Client-Context"] = """{"custom":{"k":"v"}}""";
            h["Lambda-Runtime-Cognito-Identity"] = """{"cognitoIdentityId":"id-1"}""";
            h["Lambda-Runtime-Aws-Tenant-Id"] = "tenant-7";
        });

        Assert.NotNull(seen);
        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", seen.InvocationId);
        Assert.Equal(deadline.ToUnixTimeMilliseconds(), seen.Deadline.ToUnixTimeMilliseconds());
        Assert.Equal("5759e988bd862e3fe1be46a994272793", seen.TraceContext.TraceId.ToHexString());
        Assert.Equal("53995c3f42cd8ad8", seen.TraceContext.SpanId.ToHexString());
        Assert.Equal(xray, envTrace);
        Assert.Equal("aws-lambda", seen.Platform.Name);
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:hello:live", seen.Platform.Get(AwsPlatformProperties.FunctionArn));
        Assert.Equal("tenant-7", seen.Platform.Get(AwsPlatformProperties.TenantId));
        Assert.Contains("id-1", seen.Platform.Get(AwsPlatformProperties.CognitoIdentity));
        Assert.Equal("tenant-7", seen.GetNative<AwsInvocation>()!.TenantId);
        Assert.Contains("custom", seen.GetNative<AwsInvocation>()!.ClientContext);
    }

    [Fact]
    public async Task Handler_SelectsOneFunction_WhateverThePath()
    {
        await using var host = await LambdaTestHost.StartAsync(
            builder =>
            {
                var app = builder.Build();
                app.MapGet("/a", (request, context) => Task.FromResult(FunctionResponse.Text("a"))).WithName("fa");
                app.MapGet("/b", (request, context) => Task.FromResult(FunctionResponse.Text("b"))).WithName("fb");
                return app;
            },
            options => options.Handler = "fb");

        var result = await host.Api.InvokeAsync(Events.HttpApi("GET", "/a"));

        Assert.Equal("b", result.Json.GetProperty("body").GetString());
    }

    [Fact]
    public async Task RuntimeApi500_EndsTheLoop_WithOneCriticalLine_AndExitCode1()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await LambdaTestHost.StartSampleAsync(logs: logs);
        await host.Api.InvokeAsync(Events.HttpApi("GET", "/hello"));

        host.Api.FailWith500 = true;
        host.Api.InvokeAsync(Events.HttpApi("GET", "/hello")).Ignore();

        Assert.Equal(1, await host.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Environment.ExitCode = 0;
        var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains("answered 500", critical.Message, StringComparison.Ordinal);
        Assert.Null(critical.Exception);
    }

    [Fact]
    public async Task RuntimeApiUnreachable_EndsTheLoop_WithOneCriticalLine_AndExitCode1()
    {
        var logs = new CapturingLoggerProvider();
        var builder = FunctionApp.CreateBuilder();
        builder.UseAws(o =>
        {
            o.RuntimeApi = "127.0.0.1:" + ClosedPort();
            o.Handler = string.Empty;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        await using var app = HelloHttp.HelloHttpApp.Build(builder);

        var exitCode = await app.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Environment.ExitCode = 0;

        Assert.Equal(1, exitCode);
        var critical = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.Equal(LogLevel.Critical, critical.Level);
        Assert.Contains("cannot be reached", critical.Message, StringComparison.Ordinal);
        Assert.Null(critical.Exception);
    }

    internal static int ClosedPort()
    {
        // A port that was just free: connecting to it is refused at once.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task InitFailure_PostsInitError_AndRunFails()
    {
        await using var host = await LambdaTestHost.StartSampleAsync(setup: builder => builder.Configuration["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "lots");

        var initError = await host.Api.InitError.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Runtime.InitError", initError.ErrorTypeHeader);
        Assert.Contains("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", initError.Json.GetProperty("errorMessage").GetString());
        Assert.Equal(1, await host.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Environment.ExitCode = 0;
    }

    [Fact]
    public async Task HandlerNamesAHealthyFunction_AnotherFunctionsMissingJsonMetadata_DoesNotFailInit()
    {
        // One function per Lambda (_HANDLER): the others can never be invoked there, so their metadata
        // is not built on this cold start; the app's local host and tests still check every function.
        await using var host = await LambdaTestHost.StartAsync(BuildWithBrokenTypedFunction, o => o.Handler = "hello");

        var result = await host.Api.InvokeAsync(Events.HttpApi("GET", "/anything"));

        Assert.Equal(200, result.Json.GetProperty("statusCode").GetInt32());
        Assert.Equal("hi", result.Json.GetProperty("body").GetString());
    }

    [Fact]
    public async Task RoutingByPath_AFunctionsMissingJsonMetadata_PostsInitErrorNamingIt()
    {
        await using var host = await LambdaTestHost.StartAsync(BuildWithBrokenTypedFunction);

        var initError = await host.Api.InitError.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("Function 'orders'", initError.Json.GetProperty("errorMessage").GetString());
        Assert.Equal(1, await host.Run.WaitAsync(TimeSpan.FromSeconds(10)));
        Environment.ExitCode = 0;
    }

    private static FunctionApp BuildWithBrokenTypedFunction(FunctionAppBuilder builder)
    {
        builder.AddJsonContext(TestJsonContext.Default);
        var app = builder.Build();
        app.MapGet("/hello", (r, c) => Task.FromResult(FunctionResponse.Text("hi"))).WithName("hello");
        app.MapPost<UnlistedOrder, UnlistedOrder>("/orders", (o, c) => Task.FromResult(o)).WithName("orders");
        return app;
    }

    /// <summary>A type no JSON context lists.</summary>
    public sealed record UnlistedOrder(string Id);

    [Fact]
    public async Task CancelBetweenInvokes_StopsCleanly()
    {
        var api = await FakeRuntimeApi.StartAsync();
        await using var _ = api;
        var builder = FunctionApp.CreateBuilder();
        builder.UseAws(o => o.RuntimeApi = api.Address);
        await using var app = HelloHttp.HelloHttpApp.Build(builder);
        using var stop = new CancellationTokenSource();
        var run = app.RunAsync(stop.Token);
        await api.InvokeAsync(Events.HttpApi("GET", "/hello"));

        await stop.CancelAsync();

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(run.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task CancelBetweenInvokes_LogsThatTheLoopStopped()
    {
        var api = await FakeRuntimeApi.StartAsync();
        await using var _ = api;
        var output = new StringWriter();
        var builder = FunctionApp.CreateBuilder();
        builder.UseAws(o => o.RuntimeApi = api.Address);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new AwsLoggerProvider(json: false, output));
        await using var app = HelloHttp.HelloHttpApp.Build(builder);
        using var stop = new CancellationTokenSource();
        var run = app.RunAsync(stop.Token);
        await api.InvokeAsync(Events.HttpApi("GET", "/hello"));
        Assert.DoesNotContain("stopped", output.ToString(), StringComparison.Ordinal);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        var last = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)[^1].Split('\t');
        Assert.Equal("-", last[1]);
        Assert.Equal("Portable.Functions: Lambda runtime loop stopped between invocations", last[3]);
    }
}
