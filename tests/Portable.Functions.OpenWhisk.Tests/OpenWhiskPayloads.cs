using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Portable.Functions.OpenWhisk.Tests;

/// <summary>
/// What the OpenWhisk invoker and controller send, written from apache/openwhisk docs/actions-new.md
/// (/init and /run bodies), ContainerProxy.scala (the /run context fields; <c>deadline</c> as a string of
/// epoch milliseconds) and docs/webactions.md + WebActions.scala (the <c>__ow_*</c> parameters; the body as
/// base64 for binary and application/json content, as text otherwise).
/// </summary>
internal static class OpenWhiskPayloads
{
    public static byte[] Init(string name = "hello-app", string main = "main", IReadOnlyDictionary<string, string>? env = null, string? code = null, bool binary = false) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("value");
            writer.WriteString("name", name);
            writer.WriteString("main", main);
            writer.WriteBoolean("binary", binary);
            if (code is not null)
            {
                writer.WriteString("code", code);
            }

            if (env is not null)
            {
                writer.WriteStartObject("env");
                foreach (var (key, value) in env)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static byte[] Run(string valueJson, string activationId = "a1b2c3", DateTimeOffset? deadline = null, string actionName = "/guest/hello-app", bool deadlineAsNumber = false) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            writer.WriteRawValue(valueJson);
            writer.WriteString("namespace", "guest");
            writer.WriteString("action_name", actionName);
            writer.WriteString("action_version", "0.0.1");
            writer.WriteString("activation_id", activationId);
            writer.WriteString("transaction_id", "tid-" + activationId);
            var ms = (deadline ?? DateTimeOffset.UtcNow.AddMinutes(1)).ToUnixTimeMilliseconds();
            if (deadlineAsNumber)
            {
                writer.WriteNumber("deadline", ms);
            }
            else
            {
                writer.WriteString("deadline", ms.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            writer.WriteEndObject();
        });

    /// <summary>A raw web action's parameters (<c>--web raw</c>): query and body unparsed.</summary>
    public static string RawWeb(string method, string path, string query = "", byte[]? body = null, string? contentType = null, IReadOnlyDictionary<string, string>? headers = null) =>
        Encoding.UTF8.GetString(Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("__ow_method", method.ToLowerInvariant());
            writer.WriteStartObject("__ow_headers");
            writer.WriteString("host", "controller");
            if (contentType is not null)
            {
                writer.WriteString("content-type", contentType);
            }

            foreach (var (key, value) in headers ?? new Dictionary<string, string>())
            {
                writer.WriteString(key.ToLowerInvariant(), value);
            }

            writer.WriteEndObject();
            writer.WriteString("__ow_path", path);
            writer.WriteString("__ow_query", query);
            if (body is not null)
            {
                writer.WriteString("__ow_body", IsTextForController(contentType) ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body));
            }

            writer.WriteEndObject();
        }));

    /// <summary>The result of a web action as the controller reads it (WebActions.resultAsHttp).</summary>
    public static (int Status, JsonElement Headers, byte[] Body) ReadWebResult(byte[] result)
    {
        using var document = JsonDocument.Parse(result);
        var root = document.RootElement;
        var status = root.TryGetProperty("statusCode", out var code) ? code.GetInt32() : 200;
        var headers = root.TryGetProperty("headers", out var h) ? h.Clone() : default;
        var contentType = headers.ValueKind == JsonValueKind.Object
            ? headers.EnumerateObject().FirstOrDefault(p => p.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase)).Value
            : default;
        var type = contentType.ValueKind == JsonValueKind.String ? contentType.GetString() : null;
        byte[] body = [];
        if (root.TryGetProperty("body", out var b))
        {
            body = b.ValueKind switch
            {
                // Exec.isBinaryCode: JSON-family strings that look like base64 are decoded (legacy), others are text.
                JsonValueKind.String when IsJsonFamily(type) => LooksLikeBase64(b.GetString()!) ? Convert.FromBase64String(b.GetString()!) : Encoding.UTF8.GetBytes(b.GetString()!),
                JsonValueKind.String when IsTextForController(type ?? "text/html") => Encoding.UTF8.GetBytes(b.GetString()!),
                JsonValueKind.String => Convert.FromBase64String(b.GetString()!),
                _ => Encoding.UTF8.GetBytes(b.GetRawText()),
            };
        }

        return (status, headers, body);
    }

    // Akka HTTP's non-binary media types as the controller uses them (application/json is base64 "for legacy").
    private static bool IsTextForController(string? contentType)
    {
        var essence = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return essence is not null && (essence.StartsWith("text/", StringComparison.Ordinal) || essence is "application/xml" or "application/x-www-form-urlencoded" or "application/javascript");
    }

    private static bool LooksLikeBase64(string text)
    {
        var t = text.Trim();
        return t.Length > 0 && t.Length % 4 == 0 && t.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=');
    }

    private static bool IsJsonFamily(string? contentType)
    {
        var essence = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return essence is not null && (essence == "application/json" || essence.EndsWith("+json", StringComparison.Ordinal));
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
