using System.Net.Http.Headers;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure.Tests.BadInput;

/// <summary>
/// Every hostile invocation payload posted as the Functions host posts it must end in a clear 4xx problem
/// response without invoking a function and without a stack trace; the server keeps serving.
/// </summary>
public sealed class BadInputAzureTests : IAsyncLifetime
{
    private TestHandler? _handler;

    public static TheoryData<string> CaseNames => [.. AzureBadInputCorpus.All().Select(c => c.Name)];

    public async Task InitializeAsync() => _handler = await TestHandler.StartAsync();

    public async Task DisposeAsync()
    {
        if (_handler is not null)
        {
            await _handler.DisposeAsync();
        }
    }

    [Fact]
    public void Corpus_HasAtLeast200Cases()
    {
        Assert.True(AzureBadInputCorpus.All().Count() >= 200, $"only {AzureBadInputCorpus.All().Count()} cases");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostilePayload_Returns4xxProblem_WithoutInvoking(string name)
    {
        var (_, function, body) = AzureBadInputCorpus.All().Single(c => c.Name == name);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        using var response = await _handler!.Client.PostAsync(new Uri("/" + function, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Empty(_handler.Received);
    }
}
