using System.Net;
using System.Text;
using Portable.Benchmarks.ColdStart;

namespace ColdStart.Tests;

public sealed class FakeLambdaRuntimeApiTests : IAsyncLifetime
{
    private static readonly byte[] s_event = Encoding.UTF8.GetBytes("""{"rawPath":"/hello"}""");
    private FakeLambdaRuntimeApi _api = null!;
    private HttpClient _client = null!;
    private LambdaInvocation _invocation = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeLambdaRuntimeApi.StartAsync();
        _invocation = _api.Enqueue(s_event);
        _client = new HttpClient { BaseAddress = new Uri($"http://{_api.Address}/2018-06-01/runtime/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Next_QueuedEvent_ReturnsPayloadWithRuntimeHeaders()
    {
        using var next = await _client.GetAsync("invocation/next");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(_invocation.RequestId, next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single());
        Assert.True(long.TryParse(next.Headers.GetValues("Lambda-Runtime-Deadline-Ms").Single(), out _));
        Assert.Equal(s_event, await next.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Response_DeliveredInvocation_Returns202AndCompletesWithBody()
    {
        using var posted = await AnswerAsync(_invocation.RequestId, "response", """{"statusCode":200}""");

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("""{"status":"OK"}""", await posted.Content.ReadAsStringAsync());
        Assert.Equal("""{"statusCode":200}""", (await _invocation.Response).Body);
    }

    [Fact]
    public async Task Response_UnknownRequestId_Returns400InvalidRequestId()
    {
        using var posted = await AnswerAsync("not-an-id", "response", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("InvalidRequestID", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Response_SecondAnswer_Returns403InvalidStateTransition()
    {
        using var first = await AnswerAsync(_invocation.RequestId, "response", "{}");

        using var second = await _client.PostAsync($"invocation/{_invocation.RequestId}/response", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Contains("InvalidStateTransition", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Error_DeliveredInvocation_FailsTheRun()
    {
        using var posted = await AnswerAsync(_invocation.RequestId, "error", """{"errorMessage":"boom"}""");

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var failure = await Assert.ThrowsAsync<ProbeFailedException>(() => _invocation.Response);
        Assert.Contains("boom", failure.Message);
    }

    // The runtime's side of one invoke: take the event from /next, then answer it.
    private async Task<HttpResponseMessage> AnswerAsync(string requestId, string kind, string body)
    {
        using var next = await _client.GetAsync("invocation/next");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        return await _client.PostAsync($"invocation/{requestId}/{kind}", new StringContent(body));
    }
}
