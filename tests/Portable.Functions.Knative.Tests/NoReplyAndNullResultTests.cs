using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative.Tests;

/// <summary>
/// What the wire shows when a function has nothing to return: an event function without a reply, a
/// typed function whose result is null, a raw HTTP function that returns no response. The README's
/// "Event functions with no reply, typed functions returning null" section states these.
/// </summary>
public sealed class NoReplyAndNullResultTests
{
    private const string EventType = "com.example.noreply";

    [Fact]
    public async Task StructuredEventWithoutReply_Returns202WithEmptyBody()
    {
        await using var server = await StartAsync(app => app.MapEvent<JsonElement>(EventType, (e, c) => Task.CompletedTask));

        using var response = await server.Client.SendAsync(Structured(
            $$$"""{"specversion":"1.0","id":"s-1","source":"/shop","type":"{{{EventType}}}","data":{"n":1}}""",
            "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(response.Headers.Contains("ce-type"));
    }

    [Fact]
    public async Task ReplyingEventFunctionReturningNull_Returns202()
    {
        await using var server = await StartAsync(app => app.MapCloudEvent(EventType, (e, c) => Task.FromResult<CloudEvent?>(null)));

        using var response = await server.Client.SendAsync(Binary());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task BatchWithoutReplies_Returns202WithEmptyBody()
    {
        await using var server = await StartAsync(app => app.MapEvent<JsonElement>(EventType, (e, c) => Task.CompletedTask));
        var one = $$$"""{"specversion":"1.0","id":"b-1","source":"/shop","type":"{{{EventType}}}","data":{"n":1}}""";

        using var response = await server.Client.SendAsync(Structured($"[{one},{one.Replace("b-1", "b-2", StringComparison.Ordinal)}]", "application/cloudevents-batch+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TypedFunctionReturningNull_Returns200WithJsonNull()
    {
        await using var server = await StartAsync(app => app.MapPost<JsonElement, string?>("/lookup", (input, context) => Task.FromResult<string?>(null)));

        using var response = await server.Client.PostAsync("/lookup", new StringContent("""{"id":"x"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("null", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TypedFunctionGivenJsonNull_Returns400()
    {
        await using var server = await StartAsync(app => app.MapPost<string, string?>("/lookup", (input, context) => Task.FromResult<string?>("found " + input)));

        using var response = await server.Client.PostAsync("/lookup", new StringContent("null", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HttpFunctionReturningNoResponse_Returns500ProblemWithoutDetails()
    {
        await using var server = await StartAsync(app => app.MapGet("/nothing", (request, context) => Task.FromResult<FunctionResponse>(null!)));

        using var response = await server.Client.GetAsync("/nothing");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("InvalidOperationException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MiddlewareThatSkipsTheFunctionWithoutAResponse_Returns204()
    {
        await using var server = await StartAsync(app =>
        {
            app.Use((context, next) => Task.CompletedTask);
            app.MapGet("/skipped", (request, context) => Task.FromResult(FunctionResponse.Text("never")));
        });

        using var response = await server.Client.GetAsync("/skipped");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static HttpRequestMessage Binary()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("""{"n":1}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "evt-1");
        request.Headers.Add("ce-source", "/shop");
        request.Headers.Add("ce-type", EventType);
        return request;
    }

    private static HttpRequestMessage Structured(string json, string contentType)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
    }

    private static Task<TestServer> StartAsync(Action<FunctionApp> map) =>
        TestServer.StartAsync(builder =>
        {
            var app = builder.Build();
            map(app);
            return app;
        });
}
