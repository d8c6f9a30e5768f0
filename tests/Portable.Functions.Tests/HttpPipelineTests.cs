using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

public sealed class HttpPipelineTests
{
    private static Task<FunctionResponse> Ok(FunctionRequest request, FunctionContext context) => Task.FromResult(FunctionResponse.Text("ok"));

    [Fact]
    public async Task UnknownRoute_Returns404ProblemJson()
    {
        await using var app = TestApp.Create(a => a.MapGet("/hello", Ok));

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/missing"));

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        using var problem = JsonDocument.Parse(TestApp.BodyText(response));
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task WrongMethod_Returns405WithAllowHeader()
    {
        await using var app = TestApp.Create(a => a.MapGet("/hello", Ok));

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("DELETE", "/hello"));

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET", response.Headers.GetFirst("Allow"));
    }

    [Fact]
    public async Task RouteParameters_AreCapturedAndDecoded_LiteralRouteWins()
    {
        await using var app = TestApp.Create(a =>
        {
            a.MapGet("/items/{id}", (r, c) => Task.FromResult(FunctionResponse.Text("param:" + r.RouteValues["id"])));
            a.MapGet("/items/special", (r, c) => Task.FromResult(FunctionResponse.Text("literal")));
            a.MapGet("/files/{*path}", (r, c) => Task.FromResult(FunctionResponse.Text("file:" + r.RouteValues["path"])));
        });

        Assert.Equal("param:a b", TestApp.BodyText(await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/items/a%20b"))));
        Assert.Equal("literal", TestApp.BodyText(await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/ITEMS/special"))));
        Assert.Equal("file:x/y%2Fz".Replace("%2F", "/"), TestApp.BodyText(await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/files/x/y%2Fz"))));
    }

    [Fact]
    public async Task TypedFunction_ValidJson_Returns200Json()
    {
        await using var app = TestApp.Create(a => a.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "ok"))));

        var response = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/orders", """{"id":"o-1","quantity":2}"""));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"id":"o-1","status":"ok"}""", TestApp.BodyText(response));
    }

    [Theory]
    [InlineData("""{"id":""")]
    [InlineData("""{"id":"o","quantity":"many"}""")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public async Task TypedFunction_MalformedBody_Returns400(string body)
    {
        var called = false;
        await using var app = TestApp.Create(a => a.MapPost<Order, Receipt>("/orders", (o, c) =>
        {
            called = true;
            return Task.FromResult(new Receipt(o.Id, "ok"));
        }));

        var response = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/orders", body));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.False(called);
    }

    [Fact]
    public async Task TypedFunction_DeepNesting_Returns400()
    {
        await using var app = TestApp.Create(a => a.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "ok"))));
        var deep = """{"id":"x","extra":""" + new string('[', 5000) + new string(']', 5000) + "}";

        var response = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/orders", deep));

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task TypedFunction_NonJsonContentType_Returns415()
    {
        await using var app = TestApp.Create(a => a.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "ok"))));

        var response = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/orders", "id=1", "application/x-www-form-urlencoded"));

        Assert.Equal(415, response.StatusCode);
    }

    [Fact]
    public async Task TypedFunction_BodyOverLimit_Returns413()
    {
        await using var app = TestApp.Create(
            a => a.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "ok"))),
            b => b.Options.MaxRequestBodySize = 16);

        var response = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/orders", """{"id":"a-much-longer-id","quantity":2}"""));

        Assert.Equal(413, response.StatusCode);
    }

    [Fact]
    public async Task HandlerException_Returns500WithoutMessageOrStackTrace()
    {
        await using var app = TestApp.Create(a => a.MapGet("/boom", (r, c) => throw new InvalidOperationException("secret connection string")));

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/boom"));

        Assert.Equal(500, response.StatusCode);
        var body = TestApp.BodyText(response);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerException_InDevelopment_ShowsTypeAndMessageButNoStackTrace()
    {
        await using var app = TestApp.Create(
            a => a.MapGet("/boom", (r, c) => throw new InvalidOperationException("bad state")),
            b => b.Options.IncludeExceptionDetails = true);

        var body = TestApp.BodyText(await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/boom")));

        Assert.Contains("InvalidOperationException: bad state", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Portable", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerReturningInjectedHeader_Returns500()
    {
        await using var app = TestApp.Create(a => a.MapGet("/inject", (r, c) =>
        {
            var response = FunctionResponse.Text("x");
            response.Headers.Add("X-Echo", r.Query["v"].ToString());
            return Task.FromResult(response);
        }));

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/inject") { QueryString = "v=a%0d%0aSet-Cookie:%20evil=1" });

        Assert.Equal(500, response.StatusCode);
        Assert.Empty(response.Cookies);
    }

    [Fact]
    public async Task Deadline_FiresTokenAndReturns504()
    {
        await using var app = TestApp.Create(
            a => a.MapGet("/slow", async (r, c) =>
            {
                await Task.Delay(Timeout.Infinite, c.CancellationToken);
                return FunctionResponse.Text("never");
            }),
            b =>
            {
                b.Options.Timeout = TimeSpan.FromMilliseconds(300);
                b.Options.DeadlineGracePeriod = TimeSpan.FromMilliseconds(100);
            });

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/slow"));

        Assert.Equal(504, response.StatusCode);
    }

    [Fact]
    public async Task Middleware_RunsInOrder_AndCanShortCircuit()
    {
        var trail = new List<string>();
        await using var app = TestApp.Create(a =>
        {
            a.Use(async (c, next) =>
            {
                trail.Add("outer-in");
                await next();
                trail.Add("outer-out");
            });
            a.Use(async (c, next) =>
            {
                if (c.Request!.Headers.Contains("X-Block"))
                {
                    c.Response = new FunctionResponse(403);
                    return;
                }

                trail.Add("inner");
                await next();
            });
            a.MapGet("/x", (r, c) =>
            {
                trail.Add("handler");
                return Task.FromResult(FunctionResponse.Text("x"));
            });
        });

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/x"));
        var blocked = new FunctionRequest("GET", "/x");
        blocked.Headers.Add("X-Block", "1");
        var response = await app.Freeze().InvokeHttpAsync(blocked);

        Assert.Equal(["outer-in", "inner", "handler", "outer-out", "outer-in", "outer-out"], trail);
        Assert.Equal(403, response.StatusCode);
    }

    [Fact]
    public async Task SetCookieHeaders_MoveToCookieList_AndFramingHeadersAreDropped()
    {
        await using var app = TestApp.Create(a => a.MapGet("/c", (r, c) =>
        {
            var response = FunctionResponse.Text("x");
            response.Headers.Add("Set-Cookie", "a=1; Path=/");
            response.Headers.Add("Set-Cookie", "b=2; HttpOnly");
            response.Headers.Add("Content-Length", "999");
            response.Headers.Add("Transfer-Encoding", "chunked");
            return Task.FromResult(response);
        }));

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/c"));

        Assert.Equal(["a=1; Path=/", "b=2; HttpOnly"], response.Cookies);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("Content-Length"));
        Assert.False(response.Headers.Contains("Transfer-Encoding"));
    }

    [Fact]
    public async Task ScopedServices_AreOnePerInvocation_AndDisposedAfter()
    {
        var seen = new List<Tracker>();
        await using var app = TestApp.Create(
            a => a.MapGet("/s", (r, c) =>
            {
                var tracker = c.Services.GetRequiredService<Tracker>();
                Assert.Same(tracker, c.Services.GetRequiredService<Tracker>());
                seen.Add(tracker);
                return Task.FromResult(FunctionResponse.Text("x"));
            }),
            b => b.Services.AddScoped<Tracker>());

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/s"));
        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/s"));

        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen[0], seen[1]);
        Assert.All(seen, t => Assert.True(t.Disposed));
    }

    [Fact]
    public async Task TraceParent_BecomesTheTraceContext()
    {
        string? traceId = null;
        await using var app = TestApp.Create(a => a.MapGet("/t", (r, c) =>
        {
            traceId = c.TraceContext.TraceId.ToHexString();
            return Task.FromResult(FunctionResponse.Text("x"));
        }));

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/t"), new InvocationOptions { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", traceId);
    }

    [Fact]
    public async Task ContextCarriesPlatformIdsAndNativeObject()
    {
        FunctionContext? seen = null;
        await using var app = TestApp.Create(a => a.MapGet("/p", (r, c) =>
        {
            seen = c;
            return Task.FromResult(FunctionResponse.Text("x"));
        }));
        var native = new object();
        var platform = new PlatformInfo("knative", new Dictionary<string, string> { ["K_SERVICE"] = "svc" });

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/p"), new InvocationOptions { InvocationId = "req-1", Platform = platform, NativeRequest = native });

        Assert.NotNull(seen);
        Assert.Equal("req-1", seen.InvocationId);
        Assert.Equal("svc", seen.Platform.Get("K_SERVICE"));
        Assert.Same(native, seen.NativeRequest);
        Assert.Equal("p", seen.FunctionName);
    }

    [Fact]
    public async Task QueryAndCookies_AreParsedMultiValue()
    {
        FunctionRequest? seen = null;
        await using var app = TestApp.Create(a => a.MapGet("/q", (r, c) =>
        {
            seen = r;
            return Task.FromResult(FunctionResponse.Text("x"));
        }));
        var request = new FunctionRequest("GET", "/q") { QueryString = "a=1&a=2&b=x+y&c=%C3%A9&flag" };
        request.Headers.Add("Cookie", "s=1; t=\"quoted\"");
        request.Headers.Add("Cookie", "u=3");

        await app.Freeze().InvokeHttpAsync(request);

        Assert.Equal(new[] { "1", "2" }, (string[])seen!.Query["a"]!);
        Assert.Equal("x y", seen.Query["b"].ToString());
        Assert.Equal("é", seen.Query["c"].ToString());
        Assert.Equal(string.Empty, seen.Query["flag"].ToString());
        Assert.Equal("1", seen.Cookies["s"]);
        Assert.Equal("quoted", seen.Cookies["t"]);
        Assert.Equal("3", seen.Cookies["u"]);
    }

    [Fact]
    public async Task DirectJsonInvoke_RunsTypedFunction()
    {
        await using var app = TestApp.Create(a => a.MapPost<Order, Receipt>("/orders", (o, c) => Task.FromResult(new Receipt(o.Id, "direct"))));

        var result = await app.Freeze().InvokeJsonAsync(app.Functions[0], Encoding.UTF8.GetBytes("""{"id":"z","quantity":1}"""));
        var bad = await app.Freeze().InvokeJsonAsync(app.Functions[0], Encoding.UTF8.GetBytes("{"));

        Assert.True(result.Succeeded);
        Assert.Equal("""{"id":"z","status":"direct"}""", Encoding.UTF8.GetString(result.Output.Span));
        Assert.Equal(400, bad.Error!.StatusCode);
        Assert.False(bad.Error.IsRetryable);
    }

    [Fact]
    public void TypeWithoutJsonMetadata_InDevelopment_FailsWhenTheAppFreezes_NotAtRegistration()
    {
        var builder = new FunctionAppBuilder([], "Development");
        builder.Logging.ClearProviders();
        builder.AddJsonContext(TestJsonContext.Default);
        var app = builder.Build();
        app.MapPost<Uri, Receipt>("/u", (u, c) => Task.FromResult(new Receipt("x", "y")));

        var error = Assert.Throws<InvalidOperationException>(() => app.Freeze());

        Assert.Contains("[JsonSerializable(typeof(Uri))]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateRoute_FailsWhenTheAppStarts()
    {
        var app = TestApp.Create(a =>
        {
            a.MapGet("/same", Ok);
            a.MapGet("/same", Ok);
        });

        Assert.Throws<InvalidOperationException>(() => app.Freeze());
    }

    public sealed class Tracker : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task QueryNames_AreCaseSensitive_KeyAndkeyAreTwoParameters()
    {
        FunctionRequest? seen = null;
        await using var app = TestApp.Create(a => a.MapGet("/q", (r, c) =>
        {
            seen = r;
            return Task.FromResult(FunctionResponse.Text("x"));
        }));

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/q") { QueryString = "Key=1&key=2&key=3" });

        Assert.Equal(2, seen!.Query.Count);
        Assert.Equal(new[] { "1" }, (string[])seen.Query["Key"]!);
        Assert.Equal(new[] { "2", "3" }, (string[])seen.Query["key"]!);
        Assert.True(seen.Query["KEY"].Count == 0);
        Assert.Equal("Key=1&key=2&key=3", seen.QueryString);
    }
}
