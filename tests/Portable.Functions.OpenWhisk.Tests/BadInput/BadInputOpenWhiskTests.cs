using System.Net;
using System.Text;

namespace Portable.Functions.OpenWhisk.Tests.BadInput;

/// <summary>
/// Every hostile <c>/run</c> body gets the protocol's error shape: a 400 <c>{"error": ...}</c> for a broken
/// envelope, an HTTP result of 400 for broken web-action parameters; the function never runs, no stack
/// trace leaks, and the runtime keeps serving.
/// </summary>
public sealed class BadInputOpenWhiskTests : IAsyncLifetime
{
    private InvokerDouble? _invoker;
    private int _calls;

    public static TheoryData<string> CaseNames => [.. OpenWhiskBadInputCorpus.All().Select(c => c.Name)];

    public async Task InitializeAsync()
    {
        _invoker = await InvokerDouble.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapHttp("/count", (request, context) =>
            {
                Interlocked.Increment(ref _calls);
                return Task.FromResult(new FunctionResponse(204));
            }, "GET", "POST");
            return app;
        }, configure: o => o.WriteLogMarkers = false);
        await _invoker.InitAsync();
    }

    public async Task DisposeAsync()
    {
        if (_invoker is not null)
        {
            await _invoker.DisposeAsync();
        }
    }

    [Fact]
    public void Corpus_HasAtLeast200Cases_WithUniqueNames()
    {
        var names = OpenWhiskBadInputCorpus.All().Select(c => c.Name).ToList();
        Assert.True(names.Count >= 200, $"only {names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileRunBody_GetsTheProtocolsErrorShape_WithoutInvoking(string name)
    {
        var (_, expect, body) = OpenWhiskBadInputCorpus.All().Single(c => c.Name == name);

        var (status, answer) = await _invoker!.PostAsync("/run", body);
        var text = Encoding.UTF8.GetString(answer);

        if (expect == OpenWhiskBadInputCorpus.Expect.EnvelopeError)
        {
            Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {text}");
            Assert.StartsWith("{\"error\":", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {text}");
            var (webStatus, headers, _) = OpenWhiskPayloads.ReadWebResult(answer);
            Assert.True(webStatus == 400, text);
            Assert.Equal("application/problem+json", headers.GetProperty("Content-Type").GetString());
        }

        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Equal(0, _calls);
        var (healthy, _) = await _invoker.RunAsync(OpenWhiskPayloads.RawWeb("GET", "/nothing-here"));
        Assert.Equal(HttpStatusCode.OK, healthy);
    }
}
