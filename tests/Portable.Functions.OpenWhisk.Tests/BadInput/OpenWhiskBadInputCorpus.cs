using System.Text;

namespace Portable.Functions.OpenWhisk.Tests.BadInput;

/// <summary>
/// Hostile <c>/run</c> bodies: envelopes that are not the documented object (answered 400
/// <c>{"error": ...}</c>), and web-action parameters that are not what the controller sends (answered 200 with
/// an HTTP result of 400). Web cases target <c>/count</c>, a function that must never run.
/// </summary>
internal static class OpenWhiskBadInputCorpus
{
    public enum Expect
    {
        EnvelopeError,
        WebBadRequest,
    }

    public static IEnumerable<(string Name, Expect Expect, byte[] Body)> All()
    {
        var envelopes = new Dictionary<string, string>
        {
            ["empty"] = "",
            ["whitespace"] = "   ",
            ["null"] = "null",
            ["number"] = "42",
            ["string"] = "\"run\"",
            ["array"] = "[]",
            ["true"] = "true",
            ["open-brace"] = "{",
            ["open-value"] = "{\"value\":",
            ["unclosed-string"] = "{\"value\":{\"a\":\"b}}",
            ["trailing-comma"] = "{\"value\":{},}",
            ["comment"] = "{/* c */\"value\":{}}",
            ["single-quotes"] = "{'value':{}}",
            ["bare-key"] = "{value:{}}",
            ["nan"] = "{\"value\":{},\"deadline\":NaN}",
            ["two-roots"] = "{\"value\":{}}{}",
            ["garbage-after"] = "{\"value\":{}} x",
            ["value-null"] = "{\"value\":null}",
            ["value-string"] = "{\"value\":\"params\"}",
            ["value-number"] = "{\"value\":7}",
            ["value-bool"] = "{\"value\":false}",
            ["deep"] = "{\"value\":" + new string('[', 70) + new string(']', 70) + "}",
        };
        foreach (var (name, body) in envelopes)
        {
            yield return ("envelope-" + name, Expect.EnvelopeError, Encoding.UTF8.GetBytes(body));
        }

        yield return ("envelope-invalid-utf8", Expect.EnvelopeError, [.. "{\"value\":{\"a\":\""u8, 0xC3, 0x28, .. "\"}}"u8]);
        yield return ("envelope-lone-surrogate", Expect.EnvelopeError, Encoding.UTF8.GetBytes("{\"value\":{},\"activation_id\":\"\\uD800\"}"));

        foreach (var deadline in new[] { "\"soon\"", "true", "{}", "[]", "-1", "1e30", "\"12.5\"", "\"\"", "\"0x10\"", "99999999999999999999", "\"-5\"", "12.5" })
        {
            yield return ($"deadline-{deadline}", Expect.EnvelopeError, Encoding.UTF8.GetBytes($"{{\"value\":{{}},\"deadline\":{deadline}}}"));
        }

        foreach (var field in new[] { "activation_id", "action_name", "namespace", "transaction_id", "action_version", "api_key" })
        {
            foreach (var wrong in new[] { "1", "true", "{}", "[]" })
            {
                yield return ($"field-{field}-{wrong}", Expect.EnvelopeError, Encoding.UTF8.GetBytes($"{{\"value\":{{}},\"{field}\":{wrong}}}"));
            }
        }

        foreach (var method in new[] { "\"\"", "1", "true", "{}", "[]", "\"g et\"", "\"GET\\n\"", "\"PO(ST\"", "\"G/T\"", "\"\\u00e9\"" })
        {
            yield return ($"web-method-{method}", Expect.WebBadRequest, Web($"\"__ow_method\":{method},\"__ow_path\":\"/count\",\"__ow_query\":\"\""));
        }

        foreach (var headers in new[] { "\"h\"", "1", "[]", "true", "{\"bad name\":\"x\"}", "{\"x\":{}}", "{\"x\":\"a\\r\\nb\"}", "{\"x\":\"a\\nb\"}", "{\"x\":\"a\\u0000b\"}", "{\"x\":[1]}", "{\"x\":[{}]}", "{\"\":\"x\"}", "{\"a:b\":\"x\"}", "{\"x\":null}", "{\"x\":[\"ok\",\"a\\rb\"]}" })
        {
            yield return ($"web-headers-{headers}", Expect.WebBadRequest, Web($"\"__ow_method\":\"get\",\"__ow_headers\":{headers},\"__ow_path\":\"/count\",\"__ow_query\":\"\""));
        }

        foreach (var path in new[] { "1", "{}", "[]", "true", "\"/count?x=1\"", "\"/count#f\"" })
        {
            yield return ($"web-path-{path}", Expect.WebBadRequest, Web($"\"__ow_method\":\"get\",\"__ow_path\":{path},\"__ow_query\":\"\""));
        }

        foreach (var query in new[] { "1", "{}", "[]", "false" })
        {
            yield return ($"web-query-{query}", Expect.WebBadRequest, Web($"\"__ow_method\":\"get\",\"__ow_path\":\"/count\",\"__ow_query\":{query}"));
        }

        foreach (var user in new[] { "1", "{}", "[]" })
        {
            yield return ($"web-user-{user}", Expect.WebBadRequest, Web($"\"__ow_method\":\"get\",\"__ow_path\":\"/count\",\"__ow_query\":\"\",\"__ow_user\":{user}"));
        }

        var contentTypes = new[] { "application/json", "application/octet-stream", "image/png", "application/pdf", null };
        var badBase64 = new[] { "%%%", "abc", "a===", "!!!!", "YQ=x", "Y===", "====", "ab-_", "YWJj*", "é", "YW\u0000J", "{\"a\":1}", "[1,2]", "Zm9v YmFy!", "YQ=\"", "....", "a", "ab", "abcde", "Zm9=v" };
        var bodies = new[] { "1", "{}", "[]", "true" };
        foreach (var type in contentTypes)
        {
            var header = type is null ? "\"__ow_headers\":{}" : $"\"__ow_headers\":{{\"content-type\":\"{type}\"}}";
            foreach (var text in badBase64)
            {
                yield return ($"web-base64-{type ?? "none"}-{text}", Expect.WebBadRequest,
                    Web($"\"__ow_method\":\"post\",{header},\"__ow_path\":\"/count\",\"__ow_query\":\"\",\"__ow_body\":{System.Text.Json.JsonSerializer.Serialize(text, TestJson.Default.String)}"));
            }

            foreach (var body in bodies)
            {
                yield return ($"web-body-{type ?? "none"}-{body}", Expect.WebBadRequest,
                    Web($"\"__ow_method\":\"post\",{header},\"__ow_path\":\"/count\",\"__ow_query\":\"\",\"__ow_body\":{body}"));
            }
        }

    }

    private static byte[] Web(string parameters) =>
        Encoding.UTF8.GetBytes($"{{\"value\":{{{parameters}}},\"activation_id\":\"bad\",\"deadline\":\"{DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds()}\"}}");
}
