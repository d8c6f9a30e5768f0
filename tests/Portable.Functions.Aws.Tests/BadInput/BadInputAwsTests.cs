using System.Text.Json;

namespace Portable.Functions.Aws.Tests.BadInput;

/// <summary>
/// Every hostile payload through the real dispatcher must end as a Lambda error (posted to /error) or a
/// native HTTP 4xx response: never an exception out of the dispatcher (which would kill the loop), never
/// a 5xx for the caller's fault, never a stack trace, and the handlers are not invoked with garbage.
/// </summary>
public sealed class BadInputAwsTests
{
    public static TheoryData<string> CaseNames => [.. AwsBadInputCorpus.All().Select(c => c.Name)];

    [Fact]
    public void Corpus_HasAtLeast200Cases()
    {
        Assert.True(AwsBadInputCorpus.All().Count() >= 200, $"only {AwsBadInputCorpus.All().Count()} cases");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostilePayload_EndsAsLambdaErrorOr4xx(string name)
    {
        var payload = AwsBadInputCorpus.All().Single(c => c.Name == name).Payload;
        await using var app = new CapturingApp();

        var result = await app.DispatchAsync(payload);

        if (result.Error is { } error)
        {
            Assert.False(string.IsNullOrEmpty(error.ErrorType));
            Assert.DoesNotContain("   at ", error.ErrorMessage, StringComparison.Ordinal);
        }
        else if (IsBatchResponse(result.Payload, out var failures))
        {
            // A record that cannot be mapped is reported as failed (retried, then dead-lettered), never lost.
            Assert.True(failures > 0, "a malformed record was reported as processed");
        }
        else
        {
            using var response = JsonDocument.Parse(result.Payload);
            var status = response.RootElement.GetProperty("statusCode").GetInt32();
            Assert.True(status is >= 400 and < 500, $"status {status}: {response.RootElement}");
            Assert.DoesNotContain("   at ", response.RootElement.ToString(), StringComparison.Ordinal);
        }

        Assert.Empty(app.Requests);
        Assert.Empty(app.CloudEvents);
    }

    private static bool IsBatchResponse(ReadOnlyMemory<byte> payload, out int failures)
    {
        using var document = JsonDocument.Parse(payload);
        failures = document.RootElement.TryGetProperty("batchItemFailures", out var items) ? items.GetArrayLength() : 0;
        return document.RootElement.TryGetProperty("batchItemFailures", out _);
    }
}
