using System.Text;
using System.Text.Json.Nodes;

namespace Portable.Functions.Aws.Tests.BadInput;

/// <summary>
/// Hostile Lambda event payloads built from the project's own event fixtures: truncated JSON, wrong JSON
/// types on the fields each shape is detected and mapped by, deep nesting, huge numbers, invalid UTF-8,
/// and bodies flagged base64 that are not.
/// </summary>
internal static class AwsBadInputCorpus
{
    private static readonly (string Name, string Json)[] s_bases =
    [
        ("http-api", Events.HttpApi("POST", "/orders", "a=1", body: """{"id":"o-1"}""")),
        ("function-url", Events.FunctionUrl("GET", "/hello", "name=Ada")),
        ("rest-api", Events.RestApi("GET", "/hello", query: """{"name":"Ada"}""", multiQuery: """{"name":["Ada"]}""")),
        ("alb", Events.AlbSingle("GET", "/hello", """{"name":"Ada"}""")),
        ("sqs", Events.Sqs(Events.SqsRecord("m-1", """{"orderId":"o-1","quantity":1}"""))),
        ("kinesis", Events.Kinesis(Events.KinesisRecord("1", "eyJvcmRlcklkIjoibyJ9"))),
    ];

    public static IEnumerable<(string Name, byte[] Payload)> All()
    {
        foreach (var (name, json) in s_bases)
        {
            var compact = JsonNode.Parse(json)!.ToJsonString();
            for (var i = 1; i < compact.Length; i += Math.Max(1, compact.Length / 30))
            {
                yield return ($"{name} truncated at {i}", Encoding.UTF8.GetBytes(compact[..i]));
            }

            yield return ($"{name} invalid UTF-8", InsertInvalidUtf8(compact));
            yield return ($"{name} nested 10000 deep", Encoding.UTF8.GetBytes(compact[..^1] + ",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}"));
        }

        foreach (var (field, value) in new[] { ("isBase64Encoded", "\"yes\""), ("headers", "\"text\""), ("headers", "[1]"), ("requestContext", "[]"), ("rawPath", "42"), ("body", "{}"), ("cookies", "\"a=1\"") })
        {
            yield return ($"http-api {field}={value}", Mutate(s_bases[0].Json, field, value));
        }

        foreach (var (field, value) in new[] { ("httpMethod", "1"), ("path", "[]"), ("multiValueHeaders", "\"x\""), ("queryStringParameters", "[1]"), ("isBase64Encoded", "1"), ("body", "[]") })
        {
            yield return ($"rest-api {field}={value}", Mutate(s_bases[2].Json, field, value));
        }

        foreach (var (field, value) in new[] { ("httpMethod", "true"), ("path", "{}"), ("queryStringParameters", "\"q\""), ("headers", "1") })
        {
            yield return ($"alb {field}={value}", Mutate(s_bases[3].Json, field, value));
        }

        foreach (var records in new[] { "{}", "\"x\"", "[1]", "[null]", "[[]]" })
        {
            yield return ($"sqs Records={records}", Encoding.UTF8.GetBytes("{\"Records\":" + records + "}"));
        }

        foreach (var body in new[] { "!!!", "a", "ab=", "@@@@", "====" })
        {
            yield return ($"http-api base64 flag with body {body}", Encoding.UTF8.GetBytes(Events.HttpApi("POST", "/orders", body: body, base64: true)));
            yield return ($"rest-api base64 flag with body {body}", Encoding.UTF8.GetBytes(Events.RestApi("POST", "/orders", body: body, base64: true)));
            yield return ($"alb base64 flag with body {body}", Encoding.UTF8.GetBytes(Events.AlbSingle("POST", "/orders", body: body, base64: true)));
        }

        foreach (var number in new[] { "1e400", "-1e400", "99999999999999999999999" })
        {
            yield return ($"kinesis arrival {number}", Encoding.UTF8.GetBytes(Events.Kinesis(Events.KinesisRecord("1", "eA==")).Replace("\"approximateArrivalTimestamp\":", "\"approximateArrivalTimestamp\":" + number + ",\"_old\":", StringComparison.Ordinal)));
        }

        foreach (var payload in new[] { "", " ", "null", "[]", "42", "\"text\"", "true", "{}", "{\"unknown\":\"shape\"}", "{\"Records\":[]}" })
        {
            yield return ($"unrecognised payload {payload}", Encoding.UTF8.GetBytes(payload));
        }
    }

    private static byte[] Mutate(string json, string field, string rawValue)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[field] = JsonNode.Parse(rawValue);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] InsertInvalidUtf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var at = json.IndexOf("\"path\":\"", StringComparison.Ordinal) is var path and >= 0 ? path + 8
            : json.IndexOf("\"rawPath\":\"", StringComparison.Ordinal) is var raw and >= 0 ? raw + 11
            : json.IndexOf(":\"", StringComparison.Ordinal) + 2;
        bytes.InsertRange(at, [0xC3, 0x28, 0xFF]);
        return [.. bytes];
    }
}
