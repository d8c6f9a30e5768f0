using System.Net;
using System.Net.Http.Headers;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp.Tests.BadInput;

/// <summary>
/// Every hostile legacy body sent to a CloudEvent target must end in 400 problem+json without invoking
/// the function and without a stack trace, and the server keeps serving.
/// </summary>
public sealed class BadInputGcpTests : IAsyncLifetime
{
    private GcpTestServer? _server;
    private int _calls;

    public static TheoryData<string> CaseNames => [.. GcpBadInputCorpus.All().Select(c => c.Name)];

    public async Task InitializeAsync()
    {
        _server = await GcpTestServer.StartAsync("ce", app => app.MapCloudEvent("t", (cloudEvent, context) =>
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult<CloudEvent?>(null);
        }).WithName("ce"), setup: b => b.Options.MaxRequestBodySize = 64 * 1024);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public void Corpus_HasAtLeast200Cases()
    {
        Assert.True(GcpBadInputCorpus.All().Count() >= 200, $"only {GcpBadInputCorpus.All().Count()} cases");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileLegacyBody_Returns400_WithoutInvoking(string name)
    {
        var (_, contentType, body) = GcpBadInputCorpus.All().Single(c => c.Name == name);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await _server!.Client.PostAsync("/", content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Equal(0, _calls);
    }
}
