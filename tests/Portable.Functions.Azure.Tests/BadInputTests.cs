using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure.Tests;

/// <summary>Malformed invocations get a clear problem response and never reach a function.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("GetItem", "{not json", 400, "not valid JSON")]
    [InlineData("GetItem", "[1,2]", 400, "JSON object")]
    [InlineData("GetItem", """{"Metadata":{}}""", 400, "no 'Data' object")]
    [InlineData("GetItem", """{"Data":"req"}""", 400, "no 'Data' object")]
    [InlineData("GetItem", """{"Data":{"req":"GET /"}}""", 400, "must be a JSON object")]
    [InlineData("GetItem", """{"Data":{"req":{"Method":7,"Url":"http://x/api/items/1"}}}""", 400, "'Method'")]
    [InlineData("GetItem", """{"Data":{"req":{"Method":"GET","Url":"/relative"}}}""", 400, "absolute http(s) URL")]
    [InlineData("GetItem", """{"Data":{"req":{"Method":"GET","Url":"http://x/api/items/1","Headers":{"A":[1]}}}}""", 400, "Header 'A'")]
    [InlineData("GetItem", """{"Data":{"req":{"Method":"GET","Url":"http://x/api/items/1","Headers":{"Bad Name":"v"}}}}""", 400, "invalid header")]
    [InlineData("GetItem", """{"Data":{"req":{"Method":"G T","Url":"http://x/api/items/1"}}}""", 400, "'Method'")]
    [InlineData("upload", """{"Data":{"req":{"Method":"POST","Url":"http://x/api/upload","Headers":{"Content-Type":["application/octet-stream"]},"Body":"***"}}}""", 400, "base64")]
    [InlineData("BlobTrigger", """{"Data":{"input":"not base64!"},"Metadata":{}}""", 400, "base64")]
    [InlineData("TimerTrigger", """{"Data":{"input":"\"tick\""},"Metadata":{}}""", 400, "JSON object")]
    [InlineData("QueueTrigger", """{"Data":{"a":"\"x\"","b":"\"y\""},"Metadata":{}}""", 400, "no 'input' entry")]
    [InlineData("QueueTrigger", """{"Data":{"input":null},"Metadata":{}}""", 400, "null")]
    [InlineData("NoSuchFunction", """{"Data":{}}""", 404, "No function named")]
    public async Task MalformedPayload_GetsProblemResponse_AndNoInvocation(string function, string payload, int status, string detail)
    {
        await using var handler = await TestHandler.StartAsync();
        var (actual, body) = await handler.InvokeAsync(function, payload);

        Assert.Equal(status, actual);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(handler.Received);
    }

    [Fact]
    public async Task NonJsonContentType_Returns415()
    {
        await using var handler = await TestHandler.StartAsync();
        var (status, _) = await handler.InvokeAsync("GetItem", """{"Data":{}}""", "text/plain");
        Assert.Equal(415, status);
    }

    [Fact]
    public async Task GetOnFunctionPath_Returns405WithAllow()
    {
        await using var handler = await TestHandler.StartAsync();
        using var response = await handler.Client.GetAsync(new Uri("/GetItem", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task OversizedPayload_Returns413()
    {
        await using var handler = await TestHandler.StartAsync(configure: o => o.MaxPayloadBytes = 1024);
        var payload = "{\"Data\":{\"input\":\"" + new string('x', 4096) + "\"}}";
        var (status, _) = await handler.InvokeAsync("QueueTrigger", payload);
        Assert.Equal(413, status);
        Assert.Empty(handler.Received);
    }

    [Fact]
    public async Task ReadinessProbe_OnRoot_Returns200()
    {
        await using var handler = await TestHandler.StartAsync();
        using var response = await handler.Client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ServerSurvivesBadInput_AndServesTheNextInvocation()
    {
        await using var handler = await TestHandler.StartAsync();
        using (var content = new ByteArrayContent([0xFF, 0xFE, 0x00, 0x7B]))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var broken = await handler.Client.PostAsync(new Uri("/QueueTrigger", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        }

        var (status, _) = await handler.InvokeAsync("QueueTrigger", """{"Data":{"input":"\"ok\""},"Metadata":{}}""");
        Assert.Equal(200, status);
        var (cloudEvent, _) = Assert.Single(handler.Received);
        Assert.Equal("ok", Encoding.UTF8.GetString(cloudEvent.Data.Span));
    }

    [Fact]
    public async Task HttpFunctionProblem_IsAnHttpOutput_NotAFailedInvocation()
    {
        await using var handler = await TestHandler.StartAsync();
        var payload = """{"Data":{"req":{"Method":"POST","Url":"http://x/api/orders","Headers":{"Content-Type":["application/json"]},"Body":"{\"id\":"}}}""";
        var (status, body) = await handler.InvokeAsync("orders", payload);

        Assert.Equal(200, status);
        var http = HostHttpResult.Read(body);
        Assert.Equal(400, http.StatusCode);
        Assert.Equal("application/problem+json", http.Headers["Content-Type"]);
        using var problem = JsonDocument.Parse(http.Body!);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }
}
