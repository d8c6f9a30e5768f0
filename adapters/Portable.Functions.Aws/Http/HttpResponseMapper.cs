using System.Net;
using System.Text;
using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>
/// Writes a <see cref="FunctionResponse"/> in the shape its event source expects: payload 1.0 with
/// <c>multiValueHeaders</c>, ALB in the mode it called in (with <c>statusDescription</c>), payload 2.0
/// and Function URLs with single-value headers and <c>cookies</c>. Text bodies go as UTF-8 strings;
/// anything else (and any encoded body) as base64 with <c>isBase64Encoded</c>.
/// </summary>
internal static class HttpResponseMapper
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<byte[]> ToPayloadAsync(FunctionResponse response, HttpEventKind kind, string method, CancellationToken cancellationToken)
    {
        var bytes = CanHaveBody(method, response.StatusCode) ? await response.Body.ToBytesAsync(cancellationToken).ConfigureAwait(false) : ReadOnlyMemory<byte>.Empty;
        var (body, isBase64) = EncodeBody(bytes.Span, response.ContentType, response.Headers.Contains("Content-Encoding"));
        return kind switch
        {
            HttpEventKind.HttpApi or HttpEventKind.FunctionUrl => JsonSerializer.SerializeToUtf8Bytes(
                new HttpApiResponse
                {
                    StatusCode = response.StatusCode,
                    Headers = JoinedHeaders(response),
                    Cookies = response.Cookies.Count == 0 ? null : [.. response.Cookies],
                    Body = body,
                    IsBase64Encoded = isBase64,
                },
                AwsJsonContext.Default.HttpApiResponse),
            HttpEventKind.AlbSingleValue => JsonSerializer.SerializeToUtf8Bytes(
                new ProxyResponse
                {
                    StatusCode = response.StatusCode,
                    StatusDescription = StatusDescription(response.StatusCode),
                    Headers = SingleValueHeadersWithOneCookie(response),
                    Body = body,
                    IsBase64Encoded = isBase64,
                },
                AwsJsonContext.Default.ProxyResponse),
            _ => JsonSerializer.SerializeToUtf8Bytes(
                new ProxyResponse
                {
                    StatusCode = response.StatusCode,
                    StatusDescription = kind == HttpEventKind.AlbMultiValue ? StatusDescription(response.StatusCode) : null,
                    MultiValueHeaders = MultiValueHeaders(response),
                    Body = body,
                    IsBase64Encoded = isBase64,
                },
                AwsJsonContext.Default.ProxyResponse),
        };
    }

    /// <summary>Text as a string when the content type is text and the bytes are valid UTF-8; otherwise base64.</summary>
    internal static (string Body, bool IsBase64) EncodeBody(ReadOnlySpan<byte> bytes, string? contentType, bool hasContentEncoding)
    {
        if (bytes.IsEmpty)
        {
            return (string.Empty, false);
        }

        if (!hasContentEncoding && MediaType.IsText(contentType))
        {
            try
            {
                return (s_strictUtf8.GetString(bytes), false);
            }
            catch (DecoderFallbackException)
            {
                // Declared text but not UTF-8 (e.g. latin-1): base64 keeps the bytes exact.
            }
        }

        return (Convert.ToBase64String(bytes), true);
    }

    /// <summary>The status line text ALB requires, e.g. <c>200 OK</c> (the name of the status, as AWS's own bridge writes it).</summary>
    internal static string StatusDescription(int statusCode) =>
        Enum.IsDefined((HttpStatusCode)statusCode) ? $"{statusCode} {(HttpStatusCode)statusCode}" : statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static Dictionary<string, string>? JoinedHeaders(FunctionResponse response)
    {
        if (response.Headers.Count == 0)
        {
            return null;
        }

        // Payload 2.0 has one value per header: join repeated ones as HTTP allows (cookies go apart).
        var result = new Dictionary<string, string>(response.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            result[name] = string.Join(", ", values.ToArray());
        }

        return result;
    }

    private static Dictionary<string, string>? SingleValueHeadersWithOneCookie(FunctionResponse response)
    {
        var result = JoinedHeaders(response) ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        // ALB single-value mode carries one Set-Cookie at most (joining them would break Expires=...):
        // the first is sent; enable multi-value headers on the target group to send several.
        if (response.Cookies.Count > 0)
        {
            result["Set-Cookie"] = response.Cookies[0];
        }

        return result.Count == 0 ? null : result;
    }

    private static Dictionary<string, List<string>>? MultiValueHeaders(FunctionResponse response)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            result[name] = [.. values.Select(v => v ?? string.Empty)];
        }

        if (response.Cookies.Count > 0)
        {
            result["Set-Cookie"] = [.. response.Cookies];
        }

        return result.Count == 0 ? null : result;
    }

    private static bool CanHaveBody(string method, int status) =>
        method != "HEAD" && status is not (204 or 304) && status >= 200;
}
