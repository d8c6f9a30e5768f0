using System.Text;
using System.Text.Json.Nodes;

namespace Portable.Functions.Azure.Tests.BadInput;

/// <summary>
/// Hostile custom-handler invocation payloads built from our own valid ones (an HTTP trigger and a queue
/// trigger): truncated JSON, invalid UTF-8, deep nesting, wrong JSON types where the host's shape is fixed.
/// </summary>
internal static class AzureBadInputCorpus
{
    private const string HttpPayload = """{"Data":{"req":{"Url":"http://localhost:7071/api/items/1?name=a","Method":"GET","Query":{"name":"a"},"Headers":{"Accept":["text/plain"]},"Params":{"id":"1"},"Identities":[]}},"Metadata":{"sys":{"MethodName":"GetItem","UtcNow":"2026-11-25T10:00:00Z","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}}}""";
    private const string QueuePayload = """{"Data":{"input":"\"hello\""},"Metadata":{"DequeueCount":"1","Id":"m-1","sys":{"MethodName":"QueueTrigger"}}}""";

    public static IEnumerable<(string Name, string Function, byte[] Body)> All()
    {
        foreach (var (name, function, json) in new[] { ("http", "GetItem", HttpPayload), ("queue", "QueueTrigger", QueuePayload) })
        {
            for (var i = 1; i < json.Length; i += Math.Max(1, json.Length / 60))
            {
                yield return ($"{name} truncated at {i}", function, Encoding.UTF8.GetBytes(json[..i]));
            }

            yield return ($"{name} invalid UTF-8", function, InsertInvalidUtf8(json));
            yield return ($"{name} nested 10000 deep", function, Encoding.UTF8.GetBytes(json[..^1] + ",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}"));
            foreach (var data in new[] { "\"text\"", "[1]", "42", "true", "null" })
            {
                yield return ($"{name} Data={data}", function, Set(json, n => n["Data"] = JsonNode.Parse(data)));
            }

            foreach (var root in new[] { "[]", "\"x\"", "1", "null", "{}", "" })
            {
                yield return ($"{name} payload {root}", function, Encoding.UTF8.GetBytes(root));
            }
        }

        foreach (var (field, value) in new[]
        {
            ("Method", "7"), ("Method", "null"), ("Method", "\"G T\""), ("Method", "\"\""), ("Url", "42"), ("Url", "\"/relative\""), ("Url", "\"ftp://x/y\""),
            ("Url", "\"not a url\""), ("Headers", "[1]"), ("Headers", "\"h\""), ("Headers", "{\"A\":[1]}"), ("Headers", "{\"Bad Name\":\"v\"}"),
            ("Headers", "{\"X-Crlf\":\"a\\r\\nInjected: 1\"}"),

            // Not here: Query (the Url is authoritative, the host's Query object is ignored) and Body on a
            // GET (never read); both are tolerated by design.
        })
        {
            yield return ($"http req.{field}={value}", "GetItem", Set(HttpPayload, n => n["Data"]!["req"]![field] = JsonNode.Parse(value)));
        }

        foreach (var req in new[] { "\"GET /\"", "[1]", "42", "null" })
        {
            yield return ($"http req={req}", "GetItem", Set(HttpPayload, n => n["Data"]!["req"] = JsonNode.Parse(req)));
        }

        foreach (var input in new[] { "null" })
        {
            yield return ($"queue input={input}", "QueueTrigger", Set(QueuePayload, n => n["Data"]!["input"] = JsonNode.Parse(input)));
        }

        yield return ("queue without input", "QueueTrigger", Set(QueuePayload, n => n["Data"]!.AsObject().Remove("input")));
        yield return ("unknown function", "NoSuchFunction", Encoding.UTF8.GetBytes(QueuePayload));
    }

    private static byte[] Set(string json, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(json)!;
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] InsertInvalidUtf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var at = json.IndexOf(":\"", StringComparison.Ordinal) + 2;
        bytes.InsertRange(at, [0xC3, 0x28, 0xFF]);
        return [.. bytes];
    }
}
