using System.Net;
using System.Net.Http.Json;
using System.Text;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative.Tests;

public sealed class SampleContractTests
{
    [Fact]
    public async Task Hello_WithName_ReturnsGreetingAsText()
    {
        await using var server = await TestServer.StartSampleAsync();

        var response = await server.Client.GetAsync("/hello?name=Ada");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Ada", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Orders_ValidBody_ReturnsJsonWithId()
    {
        await using var server = await TestServer.StartSampleAsync();

        var response = await server.Client.PostAsync("/orders", new StringContent("""{"id":"o-1","quantity":2}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("o-1", body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Orders_MalformedBody_Returns400ProblemJson()
    {
        await using var server = await TestServer.StartSampleAsync();

        var response = await server.Client.PostAsync("/orders", new StringContent("""{"id":""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
