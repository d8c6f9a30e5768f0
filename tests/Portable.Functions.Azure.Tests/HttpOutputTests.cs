using System.Text.Json;

namespace Portable.Functions.Azure.Tests;

/// <summary>What the payload-mode HTTP output can and cannot carry, and CloudEvents over an HTTP trigger.</summary>
public sealed class HttpOutputTests
{
    internal static void Map(FunctionApp app, TestHandler recorder)
    {
        app.MapGet("/cookie", (r, c) =>
        {
            var response = FunctionResponse.Text("with cookies");
            response.Cookies.Add("a=1; Path=/");
            response.Cookies.Add("b=2; Path=/");
            return Task.FromResult(response);
        }).WithName("cookie");
        app.MapGet("/binary", (r, c) => Task.FromResult(FunctionResponse.Bytes(new byte[] { 0xFF, 0x00, 0xFE }))).WithName("binary");
        app.MapHttp("/head", (r, c) => Task.FromResult(FunctionResponse.Text("body")), "HEAD").WithName("head");
        app.MapGet("/stream", (r, c) => Task.FromResult(FunctionResponse.Stream((s, t) => s.WriteAsync("streamed"u8.ToArray(), t).AsTask(), "text/plain"))).WithName("stream");
        // Opted in to CloudEvents over HTTP: without a trigger the custom handler binds an event function to Event Grid.
        app.MapCloudEvent("com.example.order.placed", (e, c) => recorder.Record(e, c)).WithName("order-placed")
            .AzureTrigger(AzureTriggerTypes.Http, new Dictionary<string, string>());
    }

    private static string HttpPayload(string method, string path, string headers = "{}", string? body = null) =>
        "{\"Data\":{\"req\":{\"Method\":\"" + method + "\",\"Url\":\"http://x/api" + path + "\",\"Headers\":" + headers
        + (body is null ? string.Empty : ",\"Body\":" + body) + "}},\"Metadata\":{}}";

    [Fact]
    public async Task Cookies_AreDroppedAndLogged_BecausePayloadModeCannotSetThem()
    {
        await using var handler = await TestHandler.StartAsync(Map);
        var (_, body) = await handler.InvokeAsync("cookie", HttpPayload("GET", "/cookie"));
        var http = HostHttpResult.Read(body);

        Assert.Equal("with cookies", http.Body);
        Assert.DoesNotContain("Set-Cookie", http.Headers.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("2 Set-Cookie value(s) dropped", Assert.Single(http.Logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryBody_BecomesA500WithReason_InsteadOfCorruptText()
    {
        await using var handler = await TestHandler.StartAsync(Map);
        var (_, body) = await handler.InvokeAsync("binary", HttpPayload("GET", "/binary"));
        var http = HostHttpResult.Read(body);

        Assert.Equal(500, http.StatusCode);
        Assert.Contains("binary body", http.Body, StringComparison.Ordinal);
        Assert.Contains("3-byte binary response body", Assert.Single(http.Logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadResponse_HasNoBody()
    {
        await using var handler = await TestHandler.StartAsync(Map);
        var (_, body) = await handler.InvokeAsync("head", HttpPayload("HEAD", "/head"));
        var res = body.GetProperty("Outputs").GetProperty("res");

        Assert.Equal(200, res.GetProperty("statusCode").GetInt32());
        Assert.False(res.TryGetProperty("body", out _));
    }

    [Fact]
    public async Task StreamedBody_IsBuffered()
    {
        await using var handler = await TestHandler.StartAsync(Map);
        var (_, body) = await handler.InvokeAsync("stream", HttpPayload("GET", "/stream"));
        Assert.Equal("streamed", HostHttpResult.Read(body).Body);
    }

    [Fact]
    public async Task BinaryModeCloudEvent_OverHttpTrigger_ReachesEventFunction_AndRepliesStructured()
    {
        await using var handler = await TestHandler.StartAsync(Map);
        var headers = """{"ce-specversion":["1.0"],"ce-id":["e-1"],"ce-source":["/shop"],"ce-type":["com.example.order.placed"],"Content-Type":["application/json"]}""";
        var (status, body) = await handler.InvokeAsync("order-placed", HttpPayload("POST", "/order-placed", headers, "\"{\\\"orderId\\\":\\\"o-1\\\"}\""));

        Assert.Equal(200, status);
        Assert.Equal("e-1", Assert.Single(handler.Received).Event.Id);
        var http = HostHttpResult.Read(body);
        Assert.Equal(200, http.StatusCode);
        Assert.StartsWith("application/cloudevents+json", http.Headers["Content-Type"], StringComparison.Ordinal);
        using var reply = JsonDocument.Parse(http.Body!);
        Assert.Equal("e-1-done", reply.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task MalformedCloudEvent_OverHttpTrigger_Returns400Output()
    {
        await using var handler = await TestHandler.StartAsync(Map);
        var headers = """{"ce-specversion":["1.0"],"Content-Type":["application/json"]}""";
        var (status, body) = await handler.InvokeAsync("order-placed", HttpPayload("POST", "/order-placed", headers, "\"{}\""));

        Assert.Equal(200, status);
        Assert.Equal(400, HostHttpResult.Read(body).StatusCode);
        Assert.Empty(handler.Received);
    }
}
