using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative.Tests;

public sealed class CloudEventDeliveryTests
{
    private const string OrderJson = """{"orderId":"o-7","quantity":3}""";

    private static HttpRequestMessage Binary(string type, string body = OrderJson, string path = "/")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "evt-1");
        request.Headers.Add("ce-source", "/shop/checkout");
        request.Headers.Add("ce-type", type);
        request.Headers.Add("Prefer", "reply");
        return request;
    }

    private static HttpRequestMessage Structured(string json, string contentType = "application/cloudevents+json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
    }

    [Fact]
    public async Task BinaryEvent_RepliesWithBinaryEventAnd200()
    {
        await using var server = await TestServer.StartSampleAsync();

        using var response = await server.Client.SendAsync(Binary(HelloHttp.HelloHttpApp.OrderPlacedType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HelloHttp.HelloHttpApp.OrderConfirmedType, response.Headers.GetValues("ce-type").Single());
        Assert.Equal("1.0", response.Headers.GetValues("ce-specversion").Single());
        Assert.Equal("o-7", response.Headers.GetValues("ce-subject").Single());
        using var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("o-7", data.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task StructuredEvent_RepliesInStructuredMode()
    {
        await using var server = await TestServer.StartSampleAsync();

        using var response = await server.Client.SendAsync(Structured($$"""
            {"specversion":"1.0","id":"s-1","source":"/shop","type":"{{HelloHttp.HelloHttpApp.OrderPlacedType}}","datacontenttype":"application/json","data":{{OrderJson}}}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/cloudevents+json", response.Content.Headers.ContentType?.MediaType);
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HelloHttp.HelloHttpApp.OrderConfirmedType, reply.RootElement.GetProperty("type").GetString());
        Assert.Equal("confirmed", reply.RootElement.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task BatchOfEvents_RepliesWithABatch()
    {
        await using var server = await TestServer.StartSampleAsync();
        var one = $$"""{"specversion":"1.0","id":"b-1","source":"/shop","type":"{{HelloHttp.HelloHttpApp.OrderPlacedType}}","data":{{OrderJson}}}""";
        var two = one.Replace("b-1", "b-2", StringComparison.Ordinal);

        using var response = await server.Client.SendAsync(Structured($"[{one},{two}]", "application/cloudevents-batch+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var replies = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["b-1-confirmed", "b-2-confirmed"], replies.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task EventWithoutReply_Returns202WithEmptyBody()
    {
        await using var server = await StartAsync(app => app.MapEvent<JsonElement>("t.noreply", (e, c) => Task.CompletedTask));

        using var response = await server.Client.SendAsync(Binary("t.noreply"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s"}""")]
    [InlineData("""{"specversion":"2.0","id":"1","source":"/s","type":"t"}""")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t",""")]
    [InlineData("""not json at all""")]
    public async Task MalformedStructuredEvent_Returns400ProblemJson(string json)
    {
        await using var server = await TestServer.StartSampleAsync();

        using var response = await server.Client.SendAsync(Structured(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BinaryEventMissingSource_Returns400()
    {
        await using var server = await TestServer.StartSampleAsync();
        using var request = Binary(HelloHttp.HelloHttpApp.OrderPlacedType);
        request.Headers.Remove("ce-source");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task EventDataThatDoesNotDeserialize_Returns400()
    {
        await using var server = await TestServer.StartSampleAsync();

        using var response = await server.Client.SendAsync(Binary(HelloHttp.HelloHttpApp.OrderPlacedType, """{"orderId":"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownEventType_Returns404()
    {
        await using var server = await TestServer.StartSampleAsync();

        using var response = await server.Client.SendAsync(Binary("com.example.unknown"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DroppedEvent_Returns422_AndFailingHandler_Returns500()
    {
        await using var server = await StartAsync(app =>
        {
            app.MapEvent<JsonElement>("t.drop", (e, c) => throw new DropEventException("poison message"));
            app.MapEvent<JsonElement>("t.fail", (e, c) => throw new InvalidOperationException("database down"));
        });

        using var dropped = await server.Client.SendAsync(Binary("t.drop"));
        using var failed = await server.Client.SendAsync(Binary("t.fail"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, dropped.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain("database down", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookHandshake_AllowsTheOrigin()
    {
        await using var server = await TestServer.StartSampleAsync();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/");
        request.Headers.Add("WebHook-Request-Origin", "eventemitter.example.com");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventemitter.example.com", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    [Fact]
    public async Task KnativeEnvironment_IsSurfacedOnTheContext()
    {
        string? service = null;
        string? platform = null;
        await using var server = await TestServer.StartAsync(
            builder =>
            {
                var app = builder.Build();
                app.MapGet("/who", (r, c) =>
                {
                    service = c.Platform.Get("K_SERVICE");
                    platform = c.Platform.Name;
                    return Task.FromResult(FunctionResponse.Text("me"));
                });
                return app;
            },
            setup: b => b.Configuration["K_SERVICE"] = "orders-fn");

        using var response = await server.Client.GetAsync("/who");

        Assert.Equal("orders-fn", service);
        Assert.Equal("knative", platform);
    }

    private static Task<TestServer> StartAsync(Action<FunctionApp> map) =>
        TestServer.StartAsync(builder =>
        {
            var app = builder.Build();
            map(app);
            return app;
        });
}
