using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative.Tests;

public sealed class HttpFidelityTests
{
    private static Task<TestServer> StartEchoAsync(Action<KnativeOptions>? configure = null, Action<FunctionAppBuilder>? setup = null) =>
        TestServer.StartAsync(
            builder =>
            {
                var app = builder.Build();
                app.MapHttp("/echo/{*rest}", async (request, context) =>
                {
                    using var buffer = new MemoryStream();
                    await request.Body.CopyToAsync(buffer, context.CancellationToken);
                    var response = FunctionResponse.Bytes(buffer.ToArray(), request.ContentType ?? "application/octet-stream");
                    response.Headers.Add("X-Multi-Count", request.Headers["X-Multi"].Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    response.Headers.Add("X-Multi-Echo", request.Headers["x-multi"]);
                    response.Headers.Add("X-Query-A", string.Join("|", request.Query["a"].ToArray()));
                    response.Headers.Add("X-Cookie-Session", request.Cookies.TryGetValue("session", out var session) ? session : "none");
                    response.Headers.Add("X-Path", request.Path);
                    response.Cookies.Add("first=1; Path=/; HttpOnly");
                    response.Cookies.Add("second=2; Secure");
                    return response;
                });
                return app;
            },
            configure,
            setup);

    [Fact]
    public async Task MultiValueHeaders_SentAsSeparateLines_RoundTrip()
    {
        await using var server = await StartEchoAsync();

        // HttpClient folds repeated headers into one line, so write the request by hand.
        var raw = await RawHttp.SendAsync(server.Server.Addresses[0], "GET /echo HTTP/1.1\r\nHost: test\r\nX-Multi: one\r\nX-Multi: two\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", raw, StringComparison.Ordinal);
        Assert.Contains("X-Multi-Count: 2\r\n", raw, StringComparison.Ordinal);
        Assert.Contains("X-Multi-Echo: one\r\n", raw, StringComparison.Ordinal);
        Assert.Contains("X-Multi-Echo: two\r\n", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerAddress_IsTheClientsAddress()
    {
        await using var server = await TestServer.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapGet("/caller", (request, context) => Task.FromResult(FunctionResponse.Text(request.RemoteIpAddress ?? "none")));
            return app;
        });

        var caller = await server.Client.GetStringAsync("/caller");

        Assert.Equal("127.0.0.1", caller);
    }

    [Fact]
    public async Task Cookies_RoundTrip_AsSeparateSetCookieHeaders()
    {
        await using var server = await StartEchoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("Cookie", "theme=dark; session=abc123");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal("abc123", response.Headers.GetValues("X-Cookie-Session").Single());
        Assert.Equal(["first=1; Path=/; HttpOnly", "second=2; Secure"], response.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task BinaryBody_IsByteExact()
    {
        await using var server = await StartEchoAsync(setup: b => b.Options.IncludeExceptionDetails = true);
        var payload = new byte[70_000];
        new Random(7).NextBytes(payload);
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await server.Client.PostAsync("/echo", content);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task QueryAndEncodedPath_ReachTheFunction()
    {
        await using var server = await StartEchoAsync();

        using var response = await server.Client.GetAsync("/echo/a%2Fb/c?a=1&a=2");

        Assert.Equal("1|2", response.Headers.GetValues("X-Query-A").Single());
        Assert.Equal("/echo/a%2Fb/c", response.Headers.GetValues("X-Path").Single());
    }

    [Fact]
    public async Task BodyOverKestrelLimit_Returns413_ForContentLengthAndChunked()
    {
        await using var server = await StartEchoAsync(setup: b => b.Options.MaxRequestBodySize = 1024);

        using var sized = await server.Client.PostAsync("/echo", new ByteArrayContent(new byte[4096]));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = new StreamContent(new MemoryStream(new byte[4096])) };
        chunked.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await server.Client.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);
    }

    [Fact]
    public async Task OversizedHeaders_Return431()
    {
        await using var server = await StartEchoAsync(o => o.MaxRequestHeadersTotalSize = 4096);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.Add("X-Big", new string('a', 8192));

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_Return404And405()
    {
        await using var server = await TestServer.StartSampleAsync();

        using var missing = await server.Client.GetAsync("/missing");
        using var wrongMethod = await server.Client.DeleteAsync("/hello");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("GET", wrongMethod.Content.Headers.Allow);
    }

    [Fact]
    public async Task TypedFunction_WrongContentType_Returns415()
    {
        await using var server = await TestServer.StartSampleAsync();

        using var response = await server.Client.PostAsync("/orders", new StringContent("id=1", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task HandlerFailure_Returns500ProblemWithoutStackTrace()
    {
        await using var server = await TestServer.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapGet("/boom", (r, c) => throw new InvalidOperationException("password=hunter2"));
            return app;
        });

        using var response = await server.Client.GetAsync("/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthEndpoints_AnswerWithoutInvokingFunctions()
    {
        await using var server = await TestServer.StartSampleAsync();

        using var ready = await server.Client.GetAsync("/health/readiness");
        using var live = await server.Client.GetAsync("/health/liveness");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task RouteOnHealthPath_FailsAtStartup()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapGet("/health/readiness", (r, c) => Task.FromResult(FunctionResponse.Text("mine")));
            return app;
        }));

        Assert.Contains("health path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task H2cMode_ServesHttp2WithPriorKnowledge()
    {
        await using var server = await TestServer.StartSampleAsync(o => o.UseH2c = true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello?name=h2") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Contains("h2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConcurrencyLimit_Answers429WithRetryAfter_LoggedInTheCallersTrace()
    {
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var lines = new TraceCapture();
        await using var server = await TestServer.StartAsync(
            builder =>
            {
                var app = builder.Build();
                app.MapGet("/hold", async (r, c) =>
                {
                    entered.TrySetResult();
                    await release.Task.WaitAsync(c.CancellationToken);
                    return FunctionResponse.Text("released");
                });
                return app;
            },
            o => o.MaxConcurrentRequests = 1,
            builder => builder.Logging.AddProvider(lines));

        var first = server.Client.GetAsync("/hold");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var busy = new HttpRequestMessage(HttpMethod.Get, "/hold");
        busy.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        using var second = await server.Client.SendAsync(busy);
        release.SetResult();
        using var firstResponse = await first;

        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), second.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Contains(lines.Lines, l => l.Contains("429", StringComparison.Ordinal) && l.EndsWith(" trace=4bf92f3577b34da6a3ce929d0e0e4736", StringComparison.Ordinal));
    }

    /// <summary>Each line with the trace id the invocation fields carried when it was written.</summary>
    private sealed class TraceCapture() : LineLoggerProvider(TextWriter.Null)
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        protected override string Format(LogLevel level, string category, string message, Exception? exception, IReadOnlyList<KeyValuePair<string, object?>>? state, InvocationLogFields fields)
        {
            var line = $"{message} trace={(fields.TraceContext.TraceId == default ? "-" : fields.TraceContext.TraceId.ToHexString())}";
            Lines.Enqueue(line);
            return line;
        }
    }

    [Fact]
    public async Task ClientDisconnect_FiresTheInvocationToken()
    {
        var cancelled = new TaskCompletionSource<bool>();
        var entered = new TaskCompletionSource();
        await using var server = await TestServer.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapGet("/wait", async (r, c) =>
            {
                entered.TrySetResult();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), c.CancellationToken);
                    cancelled.TrySetResult(false);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult(true);
                    throw;
                }

                return FunctionResponse.Text("late");
            });
            return app;
        });

        using var abort = new CancellationTokenSource();
        var call = server.Client.GetAsync("/wait", abort.Token);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        abort.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.True(await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
