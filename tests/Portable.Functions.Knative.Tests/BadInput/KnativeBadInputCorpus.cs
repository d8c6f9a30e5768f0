using System.Text;

namespace Portable.Functions.Knative.Tests.BadInput;

/// <summary>
/// Generated plus hand-written hostile inputs for every Knative entry point: the typed JSON function,
/// CloudEvents in structured, batch and binary mode, and raw HTTP framing.
/// </summary>
internal static class KnativeBadInputCorpus
{
    private const string ValidOrder = """{"id":"o-1","quantity":2}""";
    private const string ValidEvent = """{"specversion":"1.0","id":"e-1","source":"/shop","type":"com.example.order.placed","datacontenttype":"application/json","data":{"orderId":"o-1","quantity":2}}""";

    public static IEnumerable<BadInputCase> All() =>
        TypedJson().Concat(Structured()).Concat(Batch()).Concat(Binary()).Concat(Framing());

    private static IEnumerable<(string, string)> Json => [("Content-Type", "application/json")];

    private static IEnumerable<(string, string)> CloudEventsJson => [("Content-Type", "application/cloudevents+json")];

    private static BadInputCase Post(string name, string path, IEnumerable<(string, string)> headers, string body, int status, bool undeliverable = false) =>
        new(name, BadInputCase.Request("POST", path, headers, Encoding.UTF8.GetBytes(body)), status, Undeliverable: undeliverable);

    private static BadInputCase PostBytes(string name, string path, IEnumerable<(string, string)> headers, byte[] body, int status) =>
        new(name, BadInputCase.Request("POST", path, headers, body), status);

    private static IEnumerable<BadInputCase> TypedJson()
    {
        // Every proper prefix of a valid body is truncated JSON.
        for (var i = 1; i < ValidOrder.Length; i++)
        {
            yield return Post($"orders truncated at {i}", "/orders", Json, ValidOrder[..i], 400);
        }

        string[] wrongTypes =
        [
            """{"id":1,"quantity":2}""", """{"id":true,"quantity":2}""", """{"id":["o"],"quantity":2}""", """{"id":{"x":1},"quantity":2}""",
            """{"id":"o","quantity":"two"}""", """{"id":"o","quantity":2.5}""", """{"id":"o","quantity":[2]}""", """{"id":"o","quantity":{}}""",
            """{"id":"o","quantity":true}""", """[]""", """ "text" """, """42""", """true""", """null""", """{"id":"o","quantity":null}""",
        ];
        foreach (var body in wrongTypes)
        {
            yield return Post($"orders wrong type {body}", "/orders", Json, body, 400);
        }

        string[] hugeNumbers = ["1e400", "99999999999999999999", "-99999999999999999999", "1" + new string('0', 400), "2147483648", "-2147483649", "NaN", "Infinity"];
        foreach (var number in hugeNumbers)
        {
            yield return Post($"orders huge quantity {number[..Math.Min(number.Length, 20)]}", "/orders", Json, $$"""{"id":"o","quantity":{{number}}}""", 400);
        }

        foreach (var depth in new[] { 65, 100, 1000, 10_000 })
        {
            yield return Post($"orders nesting depth {depth}", "/orders", Json, """{"id":"o","quantity":1,"x":""" + new string('[', depth) + new string(']', depth) + "}", 400);
        }

        byte[][] invalidUtf8 = [[0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0xBC], [0xFF], [0xC0, 0xAF]];
        foreach (var bytes in invalidUtf8)
        {
            var body = Encoding.UTF8.GetBytes("{\"id\":\"").Concat(bytes).Concat(Encoding.UTF8.GetBytes("\",\"quantity\":1}")).ToArray();
            yield return PostBytes($"orders invalid UTF-8 {Convert.ToHexString(bytes)}", "/orders", Json, body, 400);
        }

        string[] contentTypes = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png", "application/octet-stream", "text/html; charset=utf-8"];
        foreach (var contentType in contentTypes)
        {
            yield return Post($"orders content type {contentType}", "/orders", [("Content-Type", contentType)], ValidOrder, 415);
        }

        yield return Post("orders empty body", "/orders", Json, string.Empty, 400);
        yield return Post("orders whitespace body", "/orders", Json, "   ", 400);
        yield return Post("orders BOM only", "/orders", Json, "\uFEFF", 400);
        yield return Post("orders comment", "/orders", Json, """{"id":"o",/*c*/"quantity":1}""", 400);
        yield return Post("orders trailing comma", "/orders", Json, """{"id":"o","quantity":1,}""", 400);
        yield return Post("orders single quotes", "/orders", Json, "{'id':'o','quantity':1}", 400);
        yield return Post("orders two documents", "/orders", Json, ValidOrder + ValidOrder, 400);
        yield return Post("orders over body limit", "/orders", Json, "{\"id\":\"" + new string('x', 70_000) + "\",\"quantity\":1}", 413);
        yield return new BadInputCase("orders GET", BadInputCase.Request("GET", "/orders", [], []), 405);
        yield return new BadInputCase("unknown route", BadInputCase.Request("GET", "/no/such/route", [], []), 404);
        yield return new BadInputCase("unknown route with traversal", BadInputCase.Request("GET", "/hello/../../etc/passwd", [], []), 404);
    }

    private static IEnumerable<BadInputCase> Structured()
    {
        for (var i = 1; i < ValidEvent.Length; i += 4)
        {
            yield return Post($"structured truncated at {i}", "/", CloudEventsJson, ValidEvent[..i], 400);
        }

        foreach (var attribute in new[] { "specversion", "id", "source", "type" })
        {
            yield return Post($"structured missing {attribute}", "/", CloudEventsJson, Remove(ValidEvent, attribute), 400);
            yield return Post($"structured empty {attribute}", "/", CloudEventsJson, Replace(ValidEvent, attribute, "\"\""), 400);
            yield return Post($"structured numeric {attribute}", "/", CloudEventsJson, Replace(ValidEvent, attribute, "1"), 400);
            yield return Post($"structured null {attribute}", "/", CloudEventsJson, Replace(ValidEvent, attribute, "null"), 400);
        }

        foreach (var version in new[] { "\"0.3\"", "\"1\"", "\"1.0.0\"", "\"2.0\"", "\" 1.0\"", "1.0", "[\"1.0\"]", "{}" })
        {
            yield return Post($"structured specversion {version}", "/", CloudEventsJson, Replace(ValidEvent, "specversion", version), 400);
        }

        foreach (var (attribute, value) in new[] { ("time", "\"yesterday\""), ("time", "\"2020-13-45T99:00:00Z\""), ("time", "12"), ("subject", "5"), ("datacontenttype", "false"), ("dataschema", "{}") })
        {
            yield return Post($"structured {attribute}={value}", "/", CloudEventsJson, ValidEvent[..^1] + $",\"{attribute}\":{value}}}", 400);
        }

        foreach (var attribute in new[] { "id", "source", "type", "subject" })
        {
            var bytes = Encoding.UTF8.GetBytes(ValidEvent[..^1] + (attribute == "subject" ? ",\"subject\":\"s\"}" : "}")).ToList();
            var at = Encoding.UTF8.GetString([.. bytes]).IndexOf($"\"{attribute}\":\"", StringComparison.Ordinal) + attribute.Length + 4;
            bytes.InsertRange(at, [0xC3, 0x28]);
            yield return PostBytes($"structured invalid UTF-8 in {attribute}", "/", CloudEventsJson, [.. bytes], 400);
        }

        yield return Post("structured data and data_base64", "/", CloudEventsJson, ValidEvent[..^1] + ",\"data_base64\":\"AA==\"}", 400);
        yield return Post("structured invalid base64", "/", CloudEventsJson, Remove(ValidEvent, "data")[..^1] + ",\"data_base64\":\"%%%\"}", 400);
        yield return Post("structured uppercase extension", "/", CloudEventsJson, ValidEvent[..^1] + ",\"MyExt\":\"x\"}", 400);
        yield return Post("structured object extension", "/", CloudEventsJson, ValidEvent[..^1] + ",\"ext\":{\"a\":1}}", 400);
        yield return Post("structured array extension", "/", CloudEventsJson, ValidEvent[..^1] + ",\"ext\":[1]}", 400);
        yield return Post("structured not an object", "/", CloudEventsJson, "[]", 400);
        yield return Post("structured deep data", "/", CloudEventsJson, ValidEvent.Replace("{\"orderId\":\"o-1\",\"quantity\":2}", new string('[', 200) + new string(']', 200), StringComparison.Ordinal), 400);
        yield return Post("structured data wrong shape", "/", CloudEventsJson, ValidEvent.Replace("\"quantity\":2", "\"quantity\":\"two\"", StringComparison.Ordinal), 400, undeliverable: true);
        yield return Post("structured non-JSON format", "/", [("Content-Type", "application/cloudevents+xml")], "<event/>", 415);
        yield return Post("structured unknown type", "/", CloudEventsJson, ValidEvent.Replace("com.example.order.placed", "com.example.nobody", StringComparison.Ordinal), 404, undeliverable: true);
        yield return Post("structured non-JSON data content type", "/", CloudEventsJson, ValidEvent.Replace("application/json", "text/csv", StringComparison.Ordinal).Replace("{\"orderId\":\"o-1\",\"quantity\":2}", "\"a,b\"", StringComparison.Ordinal), 415, undeliverable: true);
    }

    private static IEnumerable<BadInputCase> Batch()
    {
        (string, string)[] batchJson = [("Content-Type", "application/cloudevents-batch+json")];
        yield return Post("batch not an array", "/", batchJson, ValidEvent, 400);
        yield return Post("batch truncated", "/", batchJson, "[" + ValidEvent, 400);
        yield return Post("batch with a bad member", "/", batchJson, "[" + ValidEvent + "," + Remove(ValidEvent, "id") + "]", 400);
        yield return Post("batch of numbers", "/", batchJson, "[1,2,3]", 400);
    }

    private static IEnumerable<BadInputCase> Binary()
    {
        (string, string)[] valid = [("ce-specversion", "1.0"), ("ce-id", "b-1"), ("ce-source", "/shop"), ("ce-type", "com.example.order.placed"), ("Content-Type", "application/json")];
        const string Data = """{"orderId":"o-1","quantity":2}""";
        foreach (var header in new[] { "ce-id", "ce-source", "ce-type" })
        {
            yield return Post($"binary missing {header}", "/", valid.Where(h => h.Item1 != header), Data, 400);
            yield return Post($"binary empty {header}", "/", valid.Select(h => h.Item1 == header ? (h.Item1, string.Empty) : h), Data, 400);
            yield return Post($"binary duplicate {header}", "/", valid.Append((header, "again")), Data, 400);
        }

        foreach (var version in new[] { "0.3", "1", "2.0", "1.0.1", "x" })
        {
            yield return Post($"binary specversion {version}", "/", valid.Select(h => h.Item1 == "ce-specversion" ? (h.Item1, version) : h), Data, 400);
        }

        foreach (var encoded in new[] { "%", "%Z1", "%C3%28", "%FF", "%E2%82", "abc%", "%ED%A0%80" })
        {
            yield return Post($"binary subject {encoded}", "/", valid.Append(("ce-subject", encoded)), Data, 400);
        }

        yield return Post("binary ce-datacontenttype", "/", valid.Append(("ce-datacontenttype", "application/json")), Data, 400);
        yield return Post("binary invalid time", "/", valid.Append(("ce-time", "now")), Data, 400);
        yield return Post("binary invalid extension name", "/", valid.Append(("ce-bad_name", "x")), Data, 400);
        for (var i = 1; i < Data.Length; i += 3)
        {
            yield return Post($"binary data truncated at {i}", "/", valid, Data[..i], 400, undeliverable: true);
        }

        yield return Post("binary wrong data type", "/", valid, """{"orderId":1,"quantity":"x"}""", 400, undeliverable: true);
        yield return Post("binary data not JSON content", "/", valid.Select(h => h.Item1 == "Content-Type" ? (h.Item1, "text/plain") : h), "hello", 415, undeliverable: true);
        yield return Post("binary unknown type", "/", valid.Select(h => h.Item1 == "ce-type" ? (h.Item1, "com.example.none") : h), Data, 404, undeliverable: true);
        yield return Post("binary over body limit", "/", valid, "\"" + new string('x', 70_000) + "\"", 413);
    }

    private static IEnumerable<BadInputCase> Framing()
    {
        yield return new BadInputCase("header without colon", "GET /hello HTTP/1.1\r\nHost: t\r\nBroken header\r\nConnection: close\r\n\r\n", 400, LoggedByPipeline: false);
        yield return new BadInputCase("header name with space", "GET /hello HTTP/1.1\r\nHost: t\r\nBad Name: x\r\nConnection: close\r\n\r\n", 400, LoggedByPipeline: false);
        yield return new BadInputCase("obsolete line folding", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n", 400, LoggedByPipeline: false);
        yield return new BadInputCase("missing host", "GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n", 400, LoggedByPipeline: false);
        yield return new BadInputCase("two hosts", "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n", 400, LoggedByPipeline: false);
        yield return new BadInputCase("bad content length", "POST /orders HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\nConnection: close\r\n\r\n", 400, LoggedByPipeline: false);
        yield return new BadInputCase("two content lengths", "POST /orders HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab", 400, LoggedByPipeline: false);
        yield return new BadInputCase("chunked and content length", "POST /orders HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", 400, LoggedByPipeline: false);
        yield return new BadInputCase("bad chunk size", "POST /orders HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400);
        yield return new BadInputCase("NUL in header value", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: a\0b\r\nConnection: close\r\n\r\n", 400, LoggedByPipeline: false);
        yield return new BadInputCase("request line garbage", "GARBAGE\r\n\r\n", 400, LoggedByPipeline: false);
        yield return new BadInputCase("header too large", "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + new string('a', 40_000) + "\r\nConnection: close\r\n\r\n", 431, LoggedByPipeline: false);
        yield return new BadInputCase("too many headers", "GET /hello HTTP/1.1\r\nHost: t\r\n" + string.Concat(Enumerable.Range(0, 120).Select(i => $"X-H{i}: v\r\n")) + "Connection: close\r\n\r\n", 431, LoggedByPipeline: false);
    }

    private static string Remove(string json, string attribute)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var members = document.RootElement.EnumerateObject().Where(p => p.Name != attribute).Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}");
        return "{" + string.Join(",", members) + "}";
    }

    private static string Replace(string json, string attribute, string rawValue)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var members = document.RootElement.EnumerateObject().Select(p => $"\"{p.Name}\":{(p.Name == attribute ? rawValue : p.Value.GetRawText())}");
        return "{" + string.Join(",", members) + "}";
    }
}
