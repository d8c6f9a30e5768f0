using System.Net;
using System.Text;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp.Tests;

/// <summary>Bad event requests get 400 with a problem body, and the function is never invoked.</summary>
public sealed class MalformedEventTests
{
    public static TheoryData<string, string?, string> LegacyBodies() => new()
    {
        { "not json", "application/json", "not valid JSON" },
        { "[1,2]", "application/json", "JSON object" },
        { """{"eventType":"google.storage.object.finalize","resource":"r","data":{}}""", "application/json", "eventId" },
        { """{"eventId":"1","eventType":"google.storage.object.finalize","resource":"r"}""", "application/json", "no data" },
        { """{"eventId":"1","eventType":"com.example.unknown","resource":"r","data":{}}""", "application/json", "no CloudEvent mapping" },
        { """{"eventId":"1","eventType":"providers/google.firebase.database/eventTypes/ref.write","resource":"projects/_/instances/i/refs/a","data":{}}""", "application/json", "domain" },
        { """{"eventId":"1","eventType":"google.storage.object.finalize","data":{}}""", "application/json", "resource" },
        { """{"eventId":"1","eventType":"google.storage.object.finalize","resource":"r","timestamp":"yesterday","data":{}}""", "application/json", "RFC 3339" },
        { """{"eventId":"1","eventType":"google.pubsub.topic.publish","resource":"projects/p/topics/t","data":"text"}""", "application/json", "JSON object" },
        { """{"message":{"data":"eA=="},"subscription":"projects/p/subscriptions/s"}""", "application/json", "messageId" },
        { "{}", "text/plain", "neither a CloudEvent" },
        { "{}", null, "neither a CloudEvent" },
    };

    [Theory]
    [MemberData(nameof(LegacyBodies))]
    public async Task MalformedLegacyEvent_Returns400_WithoutInvoking(string body, string? contentType, string expectedDetail)
    {
        var calls = 0;
        await using var server = await GcpTestServer.StartAsync("ce", app => app.MapCloudEvent("t", (cloudEvent, context) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult<CloudEvent?>(null);
        }).WithName("ce"));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new(contentType);
        }

        using var response = await server.Client.PostAsync("/", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expectedDetail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, calls);
    }

    [Theory]
    [InlineData("ce-id")]
    [InlineData("ce-source")]
    [InlineData("ce-type")]
    public async Task BinaryCloudEventMissingAttribute_Returns400(string missing)
    {
        await using var server = await GcpTestServer.StartAsync("ce", GcpHostTests.MapNoOpCloudEvent);
        using var request = GcpHostTests.BinaryEvent("1");
        request.Headers.Remove(missing);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task StructuredCloudEventWithoutId_Returns400()
    {
        await using var server = await GcpTestServer.StartAsync("ce", GcpHostTests.MapNoOpCloudEvent);

        using var response = await server.Client.PostAsync("/", new StringContent("""{"specversion":"1.0","source":"//s","type":"t"}""", Encoding.UTF8, "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task LegacyFunction_CloudEventWithNonJsonData_Returns400()
    {
        await using var server = await GcpTestServer.StartAsync("legacy", app => app.MapLegacyEvent("legacy", (legacy, context) => Task.CompletedTask));
        using var request = GcpHostTests.BinaryEvent("1");
        request.Content = new StringContent("plain", Encoding.UTF8, "text/plain");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetWithoutBody_OnEventFunction_Returns400()
    {
        await using var server = await GcpTestServer.StartAsync("ce", GcpHostTests.MapNoOpCloudEvent);

        using var response = await server.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
