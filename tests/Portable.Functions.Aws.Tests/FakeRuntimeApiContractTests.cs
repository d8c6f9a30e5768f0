using System.Net;
using System.Text;

namespace Portable.Functions.Aws.Tests;

/// <summary>The fake itself answers as the documented Runtime API does, so the loop tests mean something.</summary>
public sealed class FakeRuntimeApiContractTests
{
    [Fact]
    public async Task UnknownRequestId_Answers400_SecondAnswer403_TooLarge413ThenErrorIs403()
    {
        await using var api = await FakeRuntimeApi.StartAsync(maxResponseBytes: 8);
        using var client = new HttpClient { BaseAddress = new Uri($"http://{api.Address}/2018-06-01/runtime/"), Timeout = TimeSpan.FromSeconds(10) };
        var pending = api.InvokeAsync("{}");
        using var next = await client.GetAsync("invocation/next");
        var id = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();

        using var unknown = await client.PostAsync("invocation/nope/response", new StringContent("{}"));
        using var badMode = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"invocation/{id}/response")
        {
            Content = new StringContent("{}"),
            Headers = { { "Lambda-Runtime-Function-Response-Mode", "weird" } },
        });
        using var accepted = await client.PostAsync($"invocation/{id}/response", new StringContent("{}"));
        using var again = await client.PostAsync($"invocation/{id}/response", new StringContent("{}"));

        var big = api.InvokeAsync("{}");
        using var nextBig = await client.GetAsync("invocation/next");
        var bigId = nextBig.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
        using var tooLarge = await client.PostAsync($"invocation/{bigId}/response", new StringContent("0123456789"));
        using var errorAfter = await client.PostAsync($"invocation/{bigId}/error", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("InvalidRequestID", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        Assert.Contains("InvalidFunctionResponseMode", await badMode.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal("{}", Encoding.UTF8.GetString((await pending).Body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, errorAfter.StatusCode);
        Assert.Equal("too-large", (await big).Kind);
        Assert.Equal(2, api.RefusedPosts);
    }
}
