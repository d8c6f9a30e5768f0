using System.Net;
using System.Text;
using System.Text.Json;

namespace Portable.Functions.Gcp.Tests;

/// <summary>
/// Replays the 17 conformance cases against real Kestrel servers, in the three modes the conformance
/// client uses (<c>-type=http</c>, <c>cloudevent</c>, <c>legacyevent</c>, with mapping validation on),
/// with the client's requests and comparisons. Skipped when <c>../shared/fixtures</c> is absent.
/// </summary>
public sealed class ConformanceTests(ConformanceServers servers) : IClassFixture<ConformanceServers>
{
    [Fact]
    public async Task HttpMode_PostJson_FunctionReceivesBody()
    {
        var output = await SendAsync(servers.Http, "httpWrite", Post("""{"res":"PASS"}"""));

        using var document = JsonDocument.Parse(output);
        Assert.Equal("PASS", document.RootElement.GetProperty("res").GetString());
    }

    [Fact]
    public async Task TypedMode_PostMessage_ResponsePayloadEchoesIt()
    {
        using var response = await servers.Typed.Client.SendAsync(Post("""{"message":"Hello world!"}"""));

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("Hello world!", document.RootElement.GetProperty("payload").GetProperty("message").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task HttpMode_CaseInputs_ReachFunctionByteForByte(string name)
    {
        var legacy = await SendAsync(servers.Http, "httpWrite", ConformanceCases.Legacy(name));
        Assert.Equal(ConformanceCases.Read(name, "legacy-input"), legacy);

        using var binary = ConformanceCases.BinaryCloudEvent(name);
        var expectedData = await binary.Content!.ReadAsByteArrayAsync();
        Assert.Equal(expectedData, await SendAsync(servers.Http, "httpWrite", binary));
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task CloudEventMode_BinaryCloudEvent_FunctionReceivesTheEvent(string name)
    {
        var output = await SendAsync(servers.CloudEvent, "ceWrite", ConformanceCases.BinaryCloudEvent(name));

        ConformanceAssert.CloudEvent(ConformanceCases.Read(name, "cloudevent-input"), output);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task CloudEventMode_StructuredCloudEvent_FunctionReceivesTheEvent(string name)
    {
        var output = await SendAsync(servers.CloudEvent, "ceWrite", ConformanceCases.StructuredCloudEvent(name));

        ConformanceAssert.CloudEvent(ConformanceCases.Read(name, "cloudevent-input"), output);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task CloudEventMode_LegacyEvent_ConvertedToThePinnedCloudEvent(string name)
    {
        var output = await SendAsync(servers.CloudEvent, "ceWrite", ConformanceCases.Legacy(name));

        ConformanceAssert.CloudEvent(ConformanceCases.Read(name, "cloudevent-output"), output);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task LegacyMode_LegacyEvent_FunctionReceivesItUnchanged(string name)
    {
        var output = await SendAsync(servers.Legacy, "legacyWrite", ConformanceCases.Legacy(name));

        ConformanceAssert.Legacy(ConformanceCases.Read(name, "legacy-output"), output);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task LegacyMode_BinaryCloudEvent_ConvertedToThePinnedLegacyEvent(string name)
    {
        var output = await SendAsync(servers.Legacy, "legacyWrite", ConformanceCases.BinaryCloudEvent(name));

        // The client prefers *-legacy-output-converted.json when present (only legacy_pubsub has one).
        var converted = ConformanceCases.File(name, "legacy-output-converted");
        var expected = File.Exists(converted) ? ConformanceCases.Read(name, "legacy-output-converted") : ConformanceCases.Read(name, "legacy-output");
        ConformanceAssert.Legacy(expected, output);
    }

    public static TheoryData<string> Cases() => ConformanceCases.All();

    private static HttpRequestMessage Post(string json) =>
        new(HttpMethod.Post, "/") { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Deletes the output file, sends the request, requires a 2xx and returns what the function wrote.</summary>
    private async Task<byte[]> SendAsync(GcpTestServer server, string function, HttpRequestMessage request)
    {
        var file = servers.OutputFile(function);
        File.Delete(file);
        using (request)
        using (var response = await server.Client.SendAsync(request))
        {
            Assert.True((int)response.StatusCode < 300, $"status {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.True(File.Exists(file), "The function wrote no output.");
        return await File.ReadAllBytesAsync(file);
    }
}
