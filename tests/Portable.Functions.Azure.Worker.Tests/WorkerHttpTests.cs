using System.Net;
using System.Security.Claims;
using Microsoft.Azure.Functions.Worker.Http;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary>HTTP through the isolated worker's types: multi-value headers, cookies, binary bodies, status codes, context.</summary>
public sealed class WorkerHttpTests
{
    [Fact]
    public async Task Request_MapsHeadersCookiesBodyRouteAndIdentity()
    {
        await using var test = new WorkerTestApp();
        var context = new FakeFunctionContext("echo") { Retry = new FakeFunctionContext.FakeRetryContext(1) };
        var request = new FakeHttpRequestData(context, "POST", new Uri("https://app.azurewebsites.net/api/echo/7?x=1&x=2"), new MemoryStream([0x00, 0xFF, 0x10]));
        request.Headers.Add("X-Tag", ["a", "b"]);
        request.Headers.Add("Cookie", "session=abc; theme=dark");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7:51234");
        request.IdentityList.Add(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ada")], "EasyAuth"));

        await test.Executor.InvokeHttpAsync(context, request);

        var neutral = Assert.Single(test.Requests);
        Assert.Equal("/echo/7", neutral.Path);
        Assert.Equal("7", neutral.RouteValues["id"]);
        Assert.Equal("1,2", neutral.Query["x"].ToString());
        Assert.Equal("a,b", neutral.Headers["X-Tag"].ToString());
        Assert.Equal("abc", neutral.Cookies["session"]);
        Assert.Equal("dark", neutral.Cookies["theme"]);
        Assert.Equal("203.0.113.7", neutral.RemoteIpAddress);
        Assert.Equal("ada", neutral.User?.Identity?.Name);
    }

    [Fact]
    public async Task Context_CarriesInvocationIdTraceRetryAndCancellation()
    {
        await using var test = new WorkerTestApp();
        var context = new FakeFunctionContext("echo") { Retry = new FakeFunctionContext.FakeRetryContext(2) };
        var request = new FakeHttpRequestData(context, "POST", new Uri("https://x/api/echo/1"), new MemoryStream());

        await test.Executor.InvokeHttpAsync(context, request);

        var neutral = Assert.Single(test.Contexts);
        Assert.Equal("inv-worker-1", neutral.InvocationId);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", neutral.TraceContext.TraceId.ToHexString());
        Assert.Equal(3, neutral.DeliveryAttempt);
        Assert.Equal("azure", neutral.Platform.Name);
        Assert.Equal("isolated-worker", neutral.Platform.Get("mode"));
        Assert.Same(context, neutral.NativeRequest);
    }

    [Fact]
    public async Task WorkerCancellation_FiresTheFunctionToken()
    {
        await using var test = new WorkerTestApp();
        var context = new FakeFunctionContext("wait");
        var request = new FakeHttpRequestData(context, "GET", new Uri("https://x/api/wait"), new MemoryStream());

        var invocation = test.Executor.InvokeHttpAsync(context, request);
        await test.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await context.Cancellation.CancelAsync();
        var response = await invocation.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", System.Text.Encoding.UTF8.GetString(((MemoryStream)response.Body).ToArray()));
    }

    [Fact]
    public async Task Response_KeepsStatusMultiValueHeadersCookiesAndBinaryBody()
    {
        await using var test = new WorkerTestApp();
        var context = new FakeFunctionContext("echo");
        var request = new FakeHttpRequestData(context, "POST", new Uri("https://x/api/echo/1"), new MemoryStream([0x00, 0xFF, 0x10]));

        var response = Assert.IsType<FakeHttpResponseData>(await test.Executor.InvokeHttpAsync(context, request));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["a", "b"], response.Headers.GetValues("X-Out"));
        Assert.Equal("application/octet-stream", Assert.Single(response.Headers.GetValues("Content-Type")));
        Assert.Equal([0x10, 0xFF, 0x00], ((MemoryStream)response.Body).ToArray());
        Assert.Equal(2, response.CookieList.Count);
        var session = response.CookieList[0];
        Assert.Equal(("session", "abc", "/", true, true, SameSite.Strict, 60d), (session.Name, session.Value, session.Path, session.HttpOnly, session.Secure, session.SameSite, session.MaxAge));
        var theme = response.CookieList[1];
        Assert.Equal(("theme", "dark", "example.com"), (theme.Name, theme.Value, theme.Domain));
        Assert.Equal(new DateTimeOffset(2026, 10, 21, 7, 28, 0, TimeSpan.Zero), theme.Expires);
    }

    [Fact]
    public async Task HeadResponse_HasNoBody()
    {
        await using var test = new WorkerTestApp();
        var context = new FakeFunctionContext("echo");
        var request = new FakeHttpRequestData(context, "HEAD", new Uri("https://x/api/echo/1"), new MemoryStream([1, 2]));

        var response = await test.Executor.InvokeHttpAsync(context, request);

        Assert.Equal(0, response.Body.Length);
    }

    [Fact]
    public async Task UnroutedMethod_Returns405Problem()
    {
        await using var test = new WorkerTestApp();
        var context = new FakeFunctionContext("echo");
        var request = new FakeHttpRequestData(context, "DELETE", new Uri("https://x/api/echo/1"), new MemoryStream());

        var response = await test.Executor.InvokeHttpAsync(context, request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", Assert.Single(response.Headers.GetValues("Content-Type")));
        Assert.Empty(test.Contexts);
    }

    [Fact]
    public async Task UnknownFunction_Throws()
    {
        await using var test = new WorkerTestApp();
        var context = new FakeFunctionContext("nope");
        var request = new FakeHttpRequestData(context, "GET", new Uri("https://x/api/nope"), new MemoryStream());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => test.Executor.InvokeHttpAsync(context, request));
        Assert.Contains("not a registered portable function", error.Message, StringComparison.Ordinal);
    }
}
