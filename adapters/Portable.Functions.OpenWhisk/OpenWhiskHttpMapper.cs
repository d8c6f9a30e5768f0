using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenWhisk;

/// <summary>
/// Web actions (docs/webactions.md): the <c>__ow_*</c> parameters to a <see cref="FunctionRequest"/>, and a
/// <see cref="FunctionResponse"/> to the <c>{statusCode, headers, body}</c> result the controller turns back
/// into HTTP.
/// </summary>
internal static class OpenWhiskHttpMapper
{
    public const string MethodParameter = "__ow_method";

    private const string HeadersParameter = "__ow_headers";
    private const string PathParameter = "__ow_path";
    private const string QueryParameter = "__ow_query";
    private const string BodyParameter = "__ow_body";
    private const string UserParameter = "__ow_user";

    /// <summary>True when the parameters are a web action's (<c>__ow_method</c> is present).</summary>
    public static bool IsWebAction(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(MethodParameter, out _);

    /// <summary>Builds the neutral request from a web action's parameters.</summary>
    /// <param name="value">The activation's <c>value</c> (a JSON object with <c>__ow_method</c>).</param>
    /// <param name="maxBodyBytes">The body limit (decoded bytes).</param>
    /// <returns>The request.</returns>
    /// <exception cref="FunctionProblemException">400 for a malformed <c>__ow_*</c> parameter or body encoding, 413 for a body over the limit.</exception>
    public static FunctionRequest ToRequest(JsonElement value, long maxBodyBytes)
    {
        var method = value.GetProperty(MethodParameter) is { ValueKind: JsonValueKind.String } m && m.GetString() is { Length: > 0 } text && IsToken(text)
            ? text.ToUpperInvariant()
            : throw FunctionProblemException.BadRequest("__ow_method must be a non-empty string naming an HTTP method.");

        var headers = ReadHeaders(value);
        var path = OptionalString(value, PathParameter) ?? string.Empty;
        path = path.Length == 0 ? "/" : path[0] == '/' ? path : "/" + path;
        if (path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            throw FunctionProblemException.BadRequest("__ow_path must be a path without a query or fragment.");
        }

        var query = OptionalString(value, QueryParameter);
        ReadOnlyMemory<byte> body = default;
        if (value.TryGetProperty(BodyParameter, out var rawBody) && rawBody.ValueKind != JsonValueKind.Null)
        {
            body = DecodeBody(rawBody, headers.GetFirst("Content-Type"), maxBodyBytes);
        }
        else if (query is null)
        {
            // Not a raw web action: the controller merged query and JSON/form body parameters into the
            // action's parameters (with the action's own). Rebuild what it can: a query for methods without
            // a body, a JSON object body otherwise. `--web raw` avoids this guess.
            (query, body) = RebuildFromParameters(value, method, headers, maxBodyBytes);
        }

        return new FunctionRequest(method, path, headers)
        {
            QueryString = query is { Length: > 0 } q && q[0] == '?' ? q[1..] : query ?? string.Empty,
            Body = body.IsEmpty ? Stream.Null
                : MemoryMarshal.TryGetArray(body, out var segment) ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(body.ToArray(), writable: false),
            User = OptionalString(value, UserParameter) is { Length: > 0 } user
                ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "openwhisk"))
                : null,
            RemoteIpAddress = FirstForwardedFor(headers),
        };
    }

    /// <summary>Writes the web action result for a response.</summary>
    /// <param name="response">The function's response (or a problem response).</param>
    /// <param name="method">The request method (HEAD carries no body).</param>
    /// <param name="cancellationToken">Stops reading a streamed body.</param>
    /// <returns>UTF-8 JSON of <c>{statusCode, headers, body}</c>.</returns>
    public static async Task<byte[]> ToResultAsync(FunctionResponse response, string method, CancellationToken cancellationToken)
    {
        var hasBody = method != "HEAD" && response.StatusCode is not (204 or 304);
        var bytes = hasBody ? await response.Body.ToBytesAsync(cancellationToken).ConfigureAwait(false) : ReadOnlyMemory<byte>.Empty;
        var buffer = new ArrayBufferWriter<byte>(256 + (bytes.Length * 4 / 3));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", response.StatusCode);
            writer.WriteStartObject("headers");
            foreach (var (name, values) in response.Headers)
            {
                if (string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                WriteHeader(writer, name, values.Count == 1 ? [values[0] ?? string.Empty] : [.. values.Select(v => v ?? string.Empty)]);
            }

            // One Set-Cookie per cookie, never folded: the controller expands an array into repeated headers.
            var cookies = response.Headers.TryGetValue("Set-Cookie", out var setCookie)
                ? [.. setCookie.Select(v => v ?? string.Empty), .. response.Cookies]
                : response.Cookies.ToArray();
            if (cookies.Length > 0)
            {
                WriteHeader(writer, "Set-Cookie", cookies);
            }

            writer.WriteEndObject();
            if (!bytes.IsEmpty)
            {
                writer.WritePropertyName("body");
                WriteBody(writer, bytes, response.ContentType);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteHeader(Utf8JsonWriter writer, string name, string[] values)
    {
        if (values.Length == 1)
        {
            writer.WriteString(name, values[0]);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteBody(Utf8JsonWriter writer, ReadOnlyMemory<byte> bytes, string? contentType)
    {
        // The controller (WebActions.resultAsHttp) sends a JSON object or array body as JSON; a string body
        // is text for text types and base64-decoded for binary ones, and for JSON types when the string looks
        // like base64. So: JSON objects/arrays as values, other text as strings, everything else (and a JSON
        // scalar, which could look like base64) as base64.
        if (MediaType.IsJson(contentType))
        {
            var span = bytes.Span.TrimStart(" \t\r\n"u8);
            if (!span.IsEmpty && (span[0] == (byte)'{' || span[0] == (byte)'['))
            {
                try
                {
                    using var document = JsonDocument.Parse(bytes);
                    document.RootElement.WriteTo(writer);
                    return;
                }
                catch (JsonException)
                {
                    // Not JSON after all: carried as base64 below, byte for byte.
                }
            }
        }
        else if (MediaType.IsText(contentType) && System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            writer.WriteStringValue(Encoding.UTF8.GetString(bytes.Span));
            return;
        }

        writer.WriteBase64StringValue(bytes.Span);
    }

    private static HeaderCollection ReadHeaders(JsonElement value)
    {
        var headers = new HeaderCollection();
        if (!value.TryGetProperty(HeadersParameter, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return headers;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw FunctionProblemException.BadRequest("__ow_headers must be a JSON object of header names to values.");
        }

        foreach (var header in element.EnumerateObject())
        {
            if (header.Name.Length == 0 || !IsToken(header.Name))
            {
                throw FunctionProblemException.BadRequest("__ow_headers has a header name that is not an HTTP token.");
            }

            switch (header.Value.ValueKind)
            {
                case JsonValueKind.String:
                    headers.Add(header.Name, CheckHeaderValue(header.Value.GetString()!));
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    headers.Add(header.Name, header.Value.GetRawText());
                    break;
                case JsonValueKind.Array:
                    foreach (var item in header.Value.EnumerateArray())
                    {
                        headers.Add(header.Name, item.ValueKind == JsonValueKind.String
                            ? CheckHeaderValue(item.GetString()!)
                            : throw FunctionProblemException.BadRequest($"__ow_headers['{header.Name}'] must hold strings."));
                    }

                    break;
                default:
                    throw FunctionProblemException.BadRequest($"__ow_headers['{header.Name}'] must be a string.");
            }
        }

        return headers;
    }

    private static string CheckHeaderValue(string value) =>
        value.AsSpan().ContainsAny('\r', '\n', '\0')
            ? throw FunctionProblemException.BadRequest("__ow_headers has a value with a line break or NUL.")
            : value;

    private static ReadOnlyMemory<byte> DecodeBody(JsonElement body, string? contentType, long maxBodyBytes)
    {
        if (body.ValueKind != JsonValueKind.String)
        {
            throw FunctionProblemException.BadRequest("__ow_body must be a string (plain text, or base64 for binary and JSON content).");
        }

        var text = body.GetString()!;
        var encoding = BodyEncodingOf(contentType);
        if (encoding == BodyEncoding.Text || (encoding == BodyEncoding.Either && !Base64.IsValid(text)))
        {
            var length = Encoding.UTF8.GetByteCount(text);
            return length > maxBodyBytes ? throw FunctionProblemException.PayloadTooLarge(maxBodyBytes) : Encoding.UTF8.GetBytes(text);
        }

        if ((long)text.Length * 3 / 4 > maxBodyBytes + 2)
        {
            throw FunctionProblemException.PayloadTooLarge(maxBodyBytes);
        }

        var bytes = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            throw FunctionProblemException.BadRequest("__ow_body is not valid base64, as the controller sends binary and application/json bodies.");
        }

        return written > maxBodyBytes ? throw FunctionProblemException.PayloadTooLarge(maxBodyBytes) : bytes.AsMemory(0, written);
    }

    /// <summary>
    /// How the controller encoded <c>__ow_body</c> (WebActions.scala): base64 for <c>application/json</c> and
    /// binary media types (no content type counts as <c>application/octet-stream</c>), the text itself for
    /// text types. Structured-syntax <c>+json</c> types are read as base64 only when the string is valid base64
    /// (a JSON object or array never is).
    /// </summary>
    private static BodyEncoding BodyEncodingOf(string? contentType)
    {
        var essence = MediaType.Essence(contentType);
        if (essence.IsEmpty || essence.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyEncoding.Base64;
        }

        if (MediaType.IsJson(contentType))
        {
            return BodyEncoding.Either;
        }

        return MediaType.IsText(contentType) ? BodyEncoding.Text : BodyEncoding.Base64;
    }

    private static (string? Query, ReadOnlyMemory<byte> Body) RebuildFromParameters(JsonElement value, string method, HeaderCollection headers, long maxBodyBytes)
    {
        var parameters = value.EnumerateObject().Where(p => !p.Name.StartsWith("__ow_", StringComparison.Ordinal)).ToList();
        if (parameters.Count == 0)
        {
            return (null, default);
        }

        if (method is "GET" or "HEAD" or "DELETE" or "OPTIONS")
        {
            var query = new StringBuilder();
            foreach (var parameter in parameters)
            {
                var text = parameter.Value.ValueKind switch
                {
                    JsonValueKind.String => parameter.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => parameter.Value.GetRawText(),
                    _ => null,
                };
                if (text is not null)
                {
                    query.Append(query.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(parameter.Name)).Append('=').Append(Uri.EscapeDataString(text));
                }
            }

            return (query.ToString(), default);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var parameter in parameters)
            {
                parameter.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        if (buffer.WrittenCount > maxBodyBytes)
        {
            throw FunctionProblemException.PayloadTooLarge(maxBodyBytes);
        }

        headers.Set("Content-Type", "application/json");
        return (null, buffer.WrittenMemory);
    }

    private static string? OptionalString(JsonElement value, string name) =>
        !value.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null ? null
        : element.ValueKind == JsonValueKind.String ? element.GetString()
        : throw FunctionProblemException.BadRequest($"{name} must be a string.");

    private static string? FirstForwardedFor(HeaderCollection headers) =>
        headers.GetFirst("X-Forwarded-For") is { Length: > 0 } forwarded ? forwarded.Split(',')[0].Trim() is { Length: > 0 } first ? first : null : null;

    // RFC 9110 §5.6.2 token characters: method and header names.
    private static bool IsToken(string text)
    {
        foreach (var c in text)
        {
            if (c > 126 || c <= 32 || "\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private enum BodyEncoding
    {
        Text,
        Base64,
        Either,
    }
}
