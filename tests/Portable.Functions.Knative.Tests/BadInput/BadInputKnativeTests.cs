using System.Net;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Knative.Tests.BadInput;

/// <summary>
/// Hostile input against a real Kestrel server: every case must end in the expected clear 4xx, with a
/// problem+json body when the pipeline answered, logged exactly once, with no stack trace, and the
/// server must keep serving afterwards.
/// </summary>
public sealed class BadInputKnativeTests : IClassFixture<BadInputKnativeTests.Server>
{
    private readonly Server _server;

    public BadInputKnativeTests(Server server)
    {
        _server = server;
    }

    public static TheoryData<BadInputCase> Cases => [.. KnativeBadInputCorpus.All()];

    [Fact]
    public void Corpus_HasAtLeast200Cases()
    {
        Assert.True(KnativeBadInputCorpus.All().Count() >= 200, $"only {KnativeBadInputCorpus.All().Count()} cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileRequest_EndsInClear4xx_LoggedOnce_NoStackTrace(BadInputCase input)
    {
        _server.Logs.Entries.Clear();

        var raw = await RawHttp.SendAsync(_server.Address, input.Raw);

        Assert.StartsWith($"HTTP/1.1 {input.ExpectedStatus} ", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", raw, StringComparison.Ordinal);
        if (input.LoggedByPipeline)
        {
            Assert.Contains("Content-Type: application/problem+json", raw, StringComparison.OrdinalIgnoreCase);
            Assert.Single(_server.Logs.Entries);
            Assert.Equal(input.Undeliverable ? LogLevel.Warning : LogLevel.Information, _server.Logs.Entries.Single().Level);
        }

        using var alive = await _server.Client.GetAsync("/hello?name=still-alive");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    public sealed class Server : IAsyncLifetime
    {
        private TestServer? _server;

        public CapturingLoggerProvider Logs { get; } = new();

        public Uri Address => _server!.Server.Addresses[0];

        public HttpClient Client => _server!.Client;

        public async Task InitializeAsync()
        {
            _server = await TestServer.StartSampleAsync(
                o => o.MaxRequestHeadersTotalSize = 32 * 1024,
                setup: b =>
                {
                    b.Options.MaxRequestBodySize = 64 * 1024;
                    b.Logging.AddProvider(Logs);
                });
        }

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
