using System.Net;
using System.Text;

namespace Portable.Functions.Knative.Tests;

/// <summary>A UTF-8 byte-order mark (RFC 8259 §8.1: ignorable) before a typed body, a structured CloudEvent or binary-mode data.</summary>
public sealed class ByteOrderMarkTests
{
    private static ByteArrayContent Content(string json, string contentType)
    {
        var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]);
        content.Headers.ContentType = new(contentType);
        return content;
    }

    [Fact]
    public async Task TypedBody_WithByteOrderMark_Returns200()
    {
        await using var server = await TestServer.StartSampleAsync();

        using var response = await server.Client.PostAsync("/orders", Content("""{"id":"o-1","quantity":2}""", "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StructuredCloudEvent_WithByteOrderMark_IsDelivered()
    {
        await using var server = await TestServer.StartSampleAsync();
        var json = $$$"""{"specversion":"1.0","id":"s-1","source":"/shop","type":"{{{HelloHttp.HelloHttpApp.OrderPlacedType}}}","datacontenttype":"application/json","data":{"orderId":"o-1","quantity":2}}""";

        using var response = await server.Client.PostAsync("/", Content(json, "application/cloudevents+json"));

        Assert.True(response.IsSuccessStatusCode, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task BinaryCloudEventData_WithByteOrderMark_IsDelivered()
    {
        await using var server = await TestServer.StartSampleAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = Content("""{"orderId":"o-1","quantity":2}""", "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "b-1");
        request.Headers.Add("ce-source", "/shop");
        request.Headers.Add("ce-type", HelloHttp.HelloHttpApp.OrderPlacedType);

        using var response = await server.Client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
