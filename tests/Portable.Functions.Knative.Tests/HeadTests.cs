using System.Net;

namespace Portable.Functions.Knative.Tests;

/// <summary>RFC 9110 §9.3.2: HEAD gets GET's headers, Content-Length included, and no body.</summary>
public sealed class HeadTests
{
    [Fact]
    public async Task Head_CarriesTheContentLengthOfGet_WithoutABody()
    {
        await using var server = await TestServer.StartSampleAsync();

        using var get = await server.Client.GetAsync("/hello?name=Ada");
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/hello?name=Ada"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.NotNull(get.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
