using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure.Tests;

/// <summary>
/// Proxying mode: HTTP functions get the client's request as the host's YARP proxy forwards it
/// (original path with the route prefix, query, headers, body, plus the two X-Azure-Functions
/// headers); non-HTTP triggers still arrive as payloads on the same port.
/// </summary>
public sealed class ProxyingTests
{
    private static void Map(FunctionApp app, TestHandler recorder)
    {
        TestHandler.MapFixtureFunctions(app, recorder);
        HttpOutputTests.Map(app, recorder);
    }

    private static Task<TestHandler> StartAsync() => TestHandler.StartAsync(Map, o => o.EnableProxying = true);

    private static HttpRequestMessage Proxied(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.Add("X-Azure-Functions-InvocationId", "inv-proxied");
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1040.0");
        return request;
    }

    [Fact]
    public void HostJson_TurnsProxyingOn()
    {
        using var host = JsonDocument.Parse(AzureMetadataWriter.HostJson(new AzureCustomHandlerOptions { ExecutablePath = "app", EnableProxying = true }));
        var section = host.RootElement.GetProperty("customHandler");
        Assert.True(section.GetProperty("enableProxyingHttpRequest").GetBoolean());
        Assert.False(section.GetProperty("enableForwardingHttpRequest").GetBoolean());
    }

    [Fact]
    public async Task ProxiedGet_IsRoutedByOriginalPath_WithRouteValuesAndInvocationId()
    {
        await using var handler = await StartAsync();
        using var request = Proxied(HttpMethod.Get, "/api/items/42?name=Ada&tag=a&tag=b");
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await handler.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("id=42;name=Ada;tag=a,b;accept=application/json;ip=127.0.0.1;ctx=inv-proxied", await response.Content.ReadAsStringAsync());
        Assert.Equal(["a", "b"], response.Headers.GetValues("X-Multi"));
    }

    [Fact]
    public async Task ProxiedBinaryBody_AndCookies_PassUnchanged()
    {
        await using var handler = await StartAsync();
        using var upload = Proxied(HttpMethod.Post, "/api/upload");
        upload.Content = new ByteArrayContent([0xDE, 0xAD, 0xBE, 0xEF]);
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var uploaded = await handler.Client.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal("application/octet-stream:DEADBEEF", await uploaded.Content.ReadAsStringAsync());

        using var cookie = Proxied(HttpMethod.Get, "/api/cookie");
        using var withCookies = await handler.Client.SendAsync(cookie);
        Assert.Equal(["a=1; Path=/", "b=2; Path=/"], withCookies.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task ProxiedCloudEvent_ReachesTheEventFunction()
    {
        await using var handler = await StartAsync();
        using var request = Proxied(HttpMethod.Post, "/api/order-placed");
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "e-9");
        request.Headers.Add("ce-source", "/shop");
        request.Headers.Add("ce-type", "com.example.order.placed");
        request.Content = new StringContent("""{"orderId":"o-9"}""", Encoding.UTF8, "application/json");

        using var response = await handler.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("e-9", Assert.Single(handler.Received).Event.Id);
    }

    [Fact]
    public async Task NonHttpTriggers_StillUsePayloads_OnTheSamePort()
    {
        await using var handler = await StartAsync();
        var (status, body) = await handler.InvokeAsync("QueueTrigger", """{"Data":{"input":"\"hi\""},"Metadata":{"Id":"\"q-1\""}}""");

        Assert.Equal(200, status);
        Assert.Equal("q-1-done", body.GetProperty("ReturnValue").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ProxiedHead_CarriesTheContentLengthOfGet_WithoutABody()
    {
        await using var handler = await StartAsync();
        using var getRequest = Proxied(HttpMethod.Get, "/api/items/42?name=Ada");
        using var headRequest = Proxied(HttpMethod.Head, "/api/items/42?name=Ada");

        using var get = await handler.Client.SendAsync(getRequest);
        using var head = await handler.Client.SendAsync(headRequest);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.NotNull(get.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UnknownProxiedPath_Returns404Problem()
    {
        await using var handler = await StartAsync();
        using var request = Proxied(HttpMethod.Get, "/api/nothing-here");
        using var response = await handler.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EmptyPrefix_WithRouteShadowingAPayloadPath_FailsAtStart()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHandler.StartAsync(
            (app, recorder) =>
            {
                Map(app, recorder);
                app.MapPost("/QueueTrigger", (r, c) => Task.FromResult(FunctionResponse.Text("clash"))).WithName("clash");
            },
            o =>
            {
                o.EnableProxying = true;
                o.RoutePrefix = "";
            }));
        Assert.Contains("would shadow", error.Message, StringComparison.Ordinal);
    }
}
