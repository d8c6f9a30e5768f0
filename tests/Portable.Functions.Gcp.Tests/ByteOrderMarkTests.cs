using System.Net;
using System.Text;

namespace Portable.Functions.Gcp.Tests;

/// <summary>
/// A UTF-8 byte-order mark before a JSON body (RFC 8259 §8.1: ignorable; Google's .NET and Node
/// frameworks accept it) no longer makes the request a 400.
/// </summary>
public sealed class ByteOrderMarkTests
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "legacy event", """{"eventId":"1","eventType":"google.pubsub.topic.publish","resource":"projects/p/topics/t","timestamp":"2024-01-02T03:04:05Z","data":{"data":"eA=="}}""" },
        { "Pub/Sub push", """{"message":{"data":"eA==","messageId":"m-1","publishTime":"2024-01-02T03:04:05Z"},"subscription":"projects/p/subscriptions/s"}""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task EventBody_WithByteOrderMark_ReachesTheFunction(string kind, string body)
    {
        _ = kind;
        var received = new List<string>();
        await using var server = await GcpTestServer.StartAsync("ce", app => app.MapCloudEvent("t", (cloudEvent, context) =>
        {
            received.Add(cloudEvent.Id);
            return Task.FromResult<CloudEvent?>(null);
        }).WithName("ce"));
        using var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body)]);
        content.Headers.ContentType = new("application/json");

        using var response = await server.Client.PostAsync("/projects/p/topics/t", content);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Single(received);
    }

    [Fact]
    public async Task TypedFunction_BodyWithByteOrderMark_Returns200()
    {
        await using var server = await GcpTestServer.StartAsync("typed", app => app.MapPost<TypedRequest, TypedResponse>("/", (r, c) => Task.FromResult(new TypedResponse(r))).WithName("typed"));
        using var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. """{"message":"hi"}"""u8]);
        content.Headers.ContentType = new("application/json");

        using var response = await server.Client.PostAsync("/", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
