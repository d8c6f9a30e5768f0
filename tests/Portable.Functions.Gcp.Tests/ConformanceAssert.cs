using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portable.Functions.Gcp.Tests;

/// <summary>
/// The conformance client's output comparisons (functions-framework-conformance <c>events/validators.go</c>,
/// as written up in the contract doc §2.3), re-implemented because the Go client cannot be built here.
/// </summary>
internal static class ConformanceAssert
{
    /// <summary>
    /// CloudEvent output: must decode as a CloudEvent (has <c>specversion</c>); <c>id</c>, <c>source</c>,
    /// <c>subject</c>, <c>type</c>, <c>datacontenttype</c> equal as strings, <c>time</c> equal as instants,
    /// <c>data</c> an embedded JSON object deep-equal to the expected one (key order ignored).
    /// </summary>
    public static void CloudEvent(byte[] expectedJson, byte[] actualJson)
    {
        var expected = JsonNode.Parse(expectedJson)!.AsObject();
        var actual = JsonNode.Parse(actualJson)!.AsObject();
        Assert.True(actual.ContainsKey("specversion"), "The Go SDK decoder rejects an event without specversion.");
        foreach (var name in new[] { "id", "source", "subject", "type", "datacontenttype" })
        {
            Assert.Equal(Text(expected, name), Text(actual, name));
        }

        Assert.Equal(Instant(Text(expected, "time")), Instant(Text(actual, "time")));
        var actualData = actual["data"] ?? (actual["data_base64"] is { } base64 ? JsonNode.Parse(Convert.FromBase64String(base64.GetValue<string>())) : null);
        Assert.True(actualData is JsonObject, "data must be a JSON object (the client parses it into a map).");
        AssertJsonEqual(expected["data"], actualData);
    }

    /// <summary>
    /// Legacy output <c>{"data", "context"}</c>: <c>eventId</c>/<c>event_id</c>, <c>eventType</c>/<c>event_type</c>
    /// equal; <c>timestamp</c> equal as an instant and written in UTC with a literal <c>Z</c> (Go compares the
    /// zone too); <c>resource</c> and <c>data</c> deep-equal.
    /// </summary>
    public static void Legacy(byte[] expectedJson, byte[] actualJson)
    {
        var expected = JsonNode.Parse(expectedJson)!.AsObject();
        var actual = JsonNode.Parse(actualJson)!.AsObject();
        var expectedContext = expected["context"]!.AsObject();
        var actualContext = Assert.IsType<JsonObject>(actual["context"]);
        Assert.Equal(Text(expectedContext, "eventId") ?? Text(expectedContext, "event_id"), Text(actualContext, "eventId") ?? Text(actualContext, "event_id"));
        Assert.Equal(Text(expectedContext, "eventType") ?? Text(expectedContext, "event_type"), Text(actualContext, "eventType") ?? Text(actualContext, "event_type"));
        var timestamp = Text(actualContext, "timestamp");
        Assert.NotNull(timestamp);
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.Equal(Instant(Text(expectedContext, "timestamp")), Instant(timestamp));
        AssertJsonEqual(expectedContext["resource"], actualContext["resource"]);
        AssertJsonEqual(expected["data"], actual["data"]);
    }

    public static void AssertJsonEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"JSON differs.\nexpected: {expected?.ToJsonString() ?? "null"}\nactual:   {actual?.ToJsonString() ?? "null"}");

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static DateTimeOffset? Instant(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
