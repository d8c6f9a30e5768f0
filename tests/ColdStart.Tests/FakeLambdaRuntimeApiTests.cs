using System.Net;
using System.Text;
using Portable.Benchmarks.ColdStart;

namespace ColdStart.Tests;

public sealed class FakeLambdaRuntimeApiTests
{
    private static readonly byte[] s_event = Encoding.UTF8.GetBytes("""{"rawPath":"/hello"}""");

    [Fact]
    public async Task Next_QueuedEvent_ReturnsPayloadWithRuntimeHeaders()
    {
        await using var api = await FakeLambdaRuntimeApi.StartAsync();
        var invocation = api.Enqueue(s_event);
        using var client = Client(api);

        using var next = await client.GetAsync("invocation/next");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(invocation.RequestId, next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single());
        Assert.True(long.TryParse(next.Headers.GetValues("Lambda-Runtime-Deadline-Ms").Single(), out _));
        Assert.Equal(s_event, await next.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Response_DeliveredInvocation_Returns202AndCompletesWithBody()
    {
        await using var api = await FakeLambdaRuntimeApi.StartAsync();
        var invocation = api.Enqueue(s_event);
        using var client = Client(api);
        using var next = await client.GetAsync("invocation/next");

        using var posted = await client.PostAsync($"invocation/{invocation.RequestId}/response", new StringContent("""{"statusCode":200}"""));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("""{"status":"OK"}""", await posted.Content.ReadAsStringAsync());
        Assert.Equal("""{"statusCode":200}""", (await invocation.Response).Body);
    }

    [Fact]
    public async Task Response_UnknownRequestId_Returns400InvalidRequestId()
    {
        await using var api = await FakeLambdaRuntimeApi.StartAsync();
        api.Enqueue(s_event);
        using var client = Client(api);
        using var next = await client.GetAsync("invocation/next");

        using var posted = await client.PostAsync("invocation/not-an-id/response", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("InvalidRequestID", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Response_SecondAnswer_Returns403InvalidStateTransition()
    {
        await using var api = await FakeLambdaRuntimeApi.StartAsync();
        var invocation = api.Enqueue(s_event);
        using var client = Client(api);
        using var next = await client.GetAsync("invocation/next");
        using var first = await client.PostAsync($"invocation/{invocation.RequestId}/response", new StringContent("{}"));

        using var second = await client.PostAsync($"invocation/{invocation.RequestId}/response", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Contains("InvalidStateTransition", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Error_DeliveredInvocation_FailsTheRun()
    {
        await using var api = await FakeLambdaRuntimeApi.StartAsync();
        var invocation = api.Enqueue(s_event);
        using var client = Client(api);
        using var next = await client.GetAsync("invocation/next");

        using var posted = await client.PostAsync($"invocation/{invocation.RequestId}/error", new StringContent("""{"errorMessage":"boom"}"""));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var failure = await Assert.ThrowsAsync<ProbeFailedException>(() => invocation.Response);
        Assert.Contains("boom", failure.Message);
    }

    private static HttpClient Client(FakeLambdaRuntimeApi api) =>
        new() { BaseAddress = new Uri($"http://{api.Address}/2018-06-01/runtime/"), Timeout = TimeSpan.FromSeconds(10) };
}
