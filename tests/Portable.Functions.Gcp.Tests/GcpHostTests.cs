using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Portable.Functions.Gcp.Tests;

public sealed class GcpHostTests
{
    [Theory]
    [InlineData("GET", "/")]
    [InlineData("POST", "/some/deep/path")]
    [InlineData("PUT", "/health/readiness")]
    [InlineData("DELETE", "/robots.txt.bak")]
    public async Task AnyPathAndMethod_ReachesTheTarget_WithoutETag(string method, string path)
    {
        var calls = 0;
        await using var server = await GcpTestServer.StartAsync("echo", app => app.MapGet("/only-here", (request, context) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(FunctionResponse.Text($"{request.Method} {request.Path}"));
        }).WithName("echo"));

        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{method} {path}", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("ETag"));
        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData("GET", "/robots.txt")]
    [InlineData("POST", "/favicon.ico")]
    [InlineData("GET", "/ROBOTS.TXT")]
    [InlineData("GET", "/favicon.ico/sub")]
    public async Task RobotsAndFavicon_Return404_WithoutInvoking(string method, string path)
    {
        var calls = 0;
        await using var server = await GcpTestServer.StartAsync("echo", app => app.MapHttp("/", (request, context) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(new FunctionResponse(200));
        }).WithName("echo"));

        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task RobotsTxt_ForEventFunction_Returns404()
    {
        await using var server = await GcpTestServer.StartAsync("ce", MapNoOpCloudEvent);

        using var response = await server.Client.GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnknownTarget_FailsAtStartup_NamingTheRegisteredFunctions()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => GcpTestServer.StartAsync("nope", app =>
        {
            MapNoOpCloudEvent(app);
            app.MapGet("/", (request, context) => Task.FromResult(new FunctionResponse(200))).WithName("hello");
        }));

        Assert.Contains("'nope'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("hello (http)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ce (cloudevent)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoTarget_SeveralFunctions_FailsAtStartup()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => GcpTestServer.StartAsync(null, app =>
        {
            MapNoOpCloudEvent(app);
            app.MapGet("/", (request, context) => Task.FromResult(new FunctionResponse(200))).WithName("hello");
        }));

        Assert.Contains("FUNCTION_TARGET", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetFlag_BeatsEnvironment()
    {
        await using var server = await GcpTestServer.StartAsync("a", app =>
        {
            app.MapGet("/a", (request, context) => Task.FromResult(FunctionResponse.Text("a"))).WithName("a");
            app.MapGet("/b", (request, context) => Task.FromResult(FunctionResponse.Text("b"))).WithName("b");
        }, args: ["--target", "b"]);

        Assert.Equal("b", await server.Client.GetStringAsync("/"));
    }

    [Fact]
    public void Host_IsActiveOnlyWithATarget()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new("K_SERVICE", "svc"), new("FUNCTION_TARGET", string.Empty)]);
        builder.AddJsonContext(TestJsonContext.Default);
        var app = builder.Build();

        Assert.False(new GcpHost(new GcpOptions(), []).IsActive(app));
        Assert.True(new GcpHost(new GcpOptions(), ["--target=x"]).IsActive(app));
        Assert.False(new GcpHost(new GcpOptions(), []).IsFallback);
    }

    [Fact]
    public async Task HttpFunctionThrows_Returns500WithoutDetails()
    {
        await using var server = await GcpTestServer.StartAsync("boom", app =>
            app.MapHttp("/", (request, context) => throw new InvalidOperationException("secret detail")).WithName("boom"));

        using var response = await server.Client.GetAsync("/x");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("secret detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloudEventFunctionThrows_Returns500()
    {
        await using var server = await GcpTestServer.StartAsync("ce", app =>
            app.MapCloudEvent("t", (cloudEvent, context) => throw new InvalidOperationException("boom")).WithName("ce"));

        using var response = await server.Client.SendAsync(BinaryEvent("1"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task FunctionPastItsDeadline_Returns504()
    {
        await using var server = await GcpTestServer.StartAsync("slow", app => app.MapHttp("/", async (request, context) =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new FunctionResponse(200);
        }).WithName("slow"), setup: builder =>
        {
            builder.Options.Timeout = TimeSpan.FromMilliseconds(300);
            builder.Options.DeadlineGracePeriod = TimeSpan.FromMilliseconds(100);
        });

        using var response = await server.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public void CloudRunTimeoutSeconds_BecomesTheInvocationTimeout()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new("FUNCTION_TARGET", "x"), new("CLOUD_RUN_TIMEOUT_SECONDS", "42"), new("PORTABLE_TIMEOUT_SECONDS", string.Empty)]);

        builder.UseGcp();

        Assert.Equal(TimeSpan.FromSeconds(42), builder.Options.Timeout);
    }

    [Fact]
    public async Task BeyondMaxConcurrentRequests_Returns429()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await GcpTestServer.StartAsync("busy", app => app.MapHttp("/", async (request, context) =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(context.CancellationToken);
            return new FunctionResponse(200);
        }).WithName("busy"), options => options.Server.MaxConcurrentRequests = 1);

        var first = server.Client.GetAsync("/");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var rejected = await server.Client.GetAsync("/");
        release.SetResult();
        using var accepted = await first;

        Assert.Equal((HttpStatusCode)429, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task ExecutionIdHeader_BecomesTheInvocationId()
    {
        await using var server = await GcpTestServer.StartAsync("id", app =>
            app.MapHttp("/", (request, context) => Task.FromResult(FunctionResponse.Text(context.InvocationId))).WithName("id"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Function-Execution-Id", "exec-123");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal("exec-123", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null, "105445aa7843bc8bf206b12000100000")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "0af7651916cd43dd8448eb211c80319c")]
    public async Task TraceContext_ComesFromTraceParentElseCloudTraceHeader(string? traceParent, string expectedTraceId)
    {
        await using var server = await GcpTestServer.StartAsync("trace", app =>
            app.MapHttp("/", (request, context) => Task.FromResult(FunctionResponse.Text(context.TraceContext.TraceId.ToHexString()))).WithName("trace"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1");
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(expectedTraceId, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TypedTarget_MalformedJson_Returns400()
    {
        await using var server = await GcpTestServer.StartAsync("typed", app =>
            app.MapPost<TypedRequest, TypedResponse>("/typed", (request, context) => Task.FromResult(new TypedResponse(request))).WithName("typed"));

        using var response = await server.Client.PostAsync("/anywhere", new StringContent("{\"message\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    internal static HttpRequestMessage BinaryEvent(string id, string? body = "{}")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body ?? string.Empty, Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", id);
        request.Headers.Add("ce-source", "//test");
        request.Headers.Add("ce-type", "t");
        return request;
    }

    internal static void MapNoOpCloudEvent(FunctionApp app) =>
        app.MapCloudEvent("t", (cloudEvent, context) => Task.FromResult<CloudEvent?>(null)).WithName("ce");
}
