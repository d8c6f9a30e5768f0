using System.Text.Json.Serialization.Metadata;

namespace Portable.Functions;

/// <summary>
/// A platform-neutral HTTP response: status, multi-value headers, a <c>Set-Cookie</c> list and a body
/// that is either buffered bytes or a stream written on demand (response streaming).
/// </summary>
/// <remarks>
/// After the handler returns, the pipeline moves any <c>Set-Cookie</c> header into <see cref="Cookies"/>
/// and drops hop-by-hop and framing headers (<c>Connection</c>, <c>Transfer-Encoding</c>,
/// <c>Content-Length</c>, ...): each adapter frames the body for its own platform.
/// </remarks>
public sealed class FunctionResponse
{
    private int _statusCode;

    /// <summary>Creates a response with an empty body.</summary>
    /// <param name="statusCode">HTTP status code, 100-599.</param>
    public FunctionResponse(int statusCode = 200)
    {
        StatusCode = statusCode;
    }

    /// <summary>HTTP status code, 100-599.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 100-599.</exception>
    public int StatusCode
    {
        get => _statusCode;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 100);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 599);
            _statusCode = value;
        }
    }

    /// <summary>Response headers, case-insensitive and multi-value.</summary>
    public HeaderCollection Headers { get; } = new();

    /// <summary>
    /// <c>Set-Cookie</c> header values, one per cookie, in order. Kept apart from <see cref="Headers"/>
    /// because several platforms carry them separately (API Gateway v2 <c>cookies</c>).
    /// </summary>
    public IList<string> Cookies { get; } = new List<string>();

    /// <summary>The body; <see cref="ResponseBody.Empty"/> by default.</summary>
    public ResponseBody Body { get; set; } = ResponseBody.Empty;

    /// <summary>The <c>Content-Type</c> header.</summary>
    public string? ContentType
    {
        get => Headers.GetFirst("Content-Type");
        set => Headers.Set("Content-Type", value);
    }

    /// <summary>A response with a UTF-8 text body.</summary>
    /// <param name="text">The text.</param>
    /// <param name="statusCode">Status code.</param>
    /// <param name="contentType">Content type; <c>text/plain; charset=utf-8</c> by default.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse Text(string text, int statusCode = 200, string contentType = "text/plain; charset=utf-8") =>
        new(statusCode) { Body = ResponseBody.FromText(text), ContentType = contentType };

    /// <summary>A response whose body is <paramref name="value"/> serialized as JSON (source-generated).</summary>
    /// <typeparam name="T">Type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">Source-generated metadata for <typeparamref name="T"/>.</param>
    /// <param name="statusCode">Status code.</param>
    /// <returns>The response, with <c>Content-Type: application/json; charset=utf-8</c>.</returns>
    public static FunctionResponse Json<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = 200) =>
        new(statusCode) { Body = ResponseBody.FromJson(value, typeInfo), ContentType = "application/json; charset=utf-8" };

    /// <summary>A response with a binary body, sent byte-exact.</summary>
    /// <param name="bytes">The body; not copied.</param>
    /// <param name="contentType">Content type.</param>
    /// <param name="statusCode">Status code.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse Bytes(ReadOnlyMemory<byte> bytes, string contentType = "application/octet-stream", int statusCode = 200) =>
        new(statusCode) { Body = ResponseBody.FromBytes(bytes), ContentType = contentType };

    /// <summary>
    /// A streamed response: <paramref name="writer"/> is called once with the platform's output stream
    /// after status and headers are sent (Kestrel, Lambda response streaming). Platforms that only
    /// support buffered responses buffer what it writes.
    /// </summary>
    /// <param name="writer">Writes the body; a failure after the first byte is reported the platform's way.</param>
    /// <param name="contentType">Content type.</param>
    /// <param name="statusCode">Status code.</param>
    /// <returns>The response.</returns>
    public static FunctionResponse Stream(Func<Stream, CancellationToken, Task> writer, string contentType = "application/octet-stream", int statusCode = 200) =>
        new(statusCode) { Body = ResponseBody.FromStream(writer), ContentType = contentType };
}
