using System.Buffers;
using System.Net;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// Writes a <see cref="FunctionResponse"/> in the shape its event source expects: payload 1.0 with
/// <c>multiValueHeaders</c>, ALB in the mode it called in (with <c>statusDescription</c>), payload 2.0
/// and Function URLs with single-value headers and <c>cookies</c>. Text bodies go as UTF-8 strings;
/// anything else (and any encoded body) as base64 with <c>isBase64Encoded</c>.
/// </summary>
internal static partial class AwsHttpMapper
{
    private const int MaxRetainedBuffer = 64 * 1024;

    private static readonly string?[] s_descriptions = new string?[600];

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static Task<byte[]> ToPayloadAsync(FunctionResponse response, HttpEventKind kind, string method, CancellationToken cancellationToken)
    {
        // A buffered body (almost every response) is written without awaiting: no state machine, and no
        // ValueTask of a struct for the managed runtime to compile on the cold start's first response.
        if (!CanHaveBody(method, response.StatusCode))
        {
            return Task.FromResult(Write(response, kind, default));
        }

        return response.Body.TryGetBytes(out var bytes)
            ? Task.FromResult(Write(response, kind, bytes.Span))
            : BufferStreamedAsync(response, kind, cancellationToken);
    }

    private static async Task<byte[]> BufferStreamedAsync(FunctionResponse response, HttpEventKind kind, CancellationToken cancellationToken)
    {
        var bytes = await response.Body.ToBytesAsync(cancellationToken).ConfigureAwait(false);
        return Write(response, kind, bytes.Span);
    }

    /// <summary>
    /// The native response JSON, written directly: field order and escaping are what the
    /// source-generated contract produced, without building header dictionaries first or starting the
    /// serializer on a cold start's first response.
    /// </summary>
    internal static byte[] Write(FunctionResponse response, HttpEventKind kind, ReadOnlySpan<byte> body)
    {
        // One buffer and writer per thread, reset per response (no awaits in between): only the
        // returned array is allocated, as with the serializer's own cached writers.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteNumber("statusCode"u8, response.StatusCode);
        if (kind is HttpEventKind.AlbSingleValue or HttpEventKind.AlbMultiValue)
        {
            writer.WriteString("statusDescription"u8, StatusDescription(response.StatusCode));
        }

        switch (kind)
        {
            case HttpEventKind.HttpApi or HttpEventKind.FunctionUrl:
                WriteJoinedHeaders(writer, response, cookie: null);
                if (response.Cookies.Count > 0)
                {
                    writer.WriteStartArray("cookies"u8);
                    foreach (var cookie in response.Cookies)
                    {
                        writer.WriteStringValue(cookie);
                    }

                    writer.WriteEndArray();
                }

                break;
            case HttpEventKind.AlbSingleValue:
                // ALB single-value mode carries one Set-Cookie at most (joining them would break
                // Expires=...): the first is sent; enable multi-value headers on the target group to send several.
                WriteJoinedHeaders(writer, response, response.Cookies.Count > 0 ? response.Cookies[0] : null);
                break;
            default:
                WriteMultiValueHeaders(writer, response);
                break;
        }

        var isBase64 = WriteBody(writer, body, response.ContentType, response.Headers.Contains("Content-Encoding"));
        writer.WriteBoolean("isBase64Encoded"u8, isBase64);
        writer.WriteEndObject();
        writer.Flush();

        var payload = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxRetainedBuffer)
        {
            // A large response: do not keep its buffer alive for the thread's lifetime.
            t_buffer = null;
            t_writer = null;
        }

        return payload;
    }

    /// <summary>Text as a UTF-8 string when the content type is text and the bytes are valid UTF-8; otherwise base64.</summary>
    private static bool WriteBody(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes, string? contentType, bool hasContentEncoding)
    {
        if (bytes.IsEmpty)
        {
            writer.WriteString("body"u8, ""u8);
            return false;
        }

        // Declared text but not UTF-8 (e.g. latin-1): base64 keeps the bytes exact.
        if (!hasContentEncoding && MediaType.IsText(contentType) && System.Text.Unicode.Utf8.IsValid(bytes))
        {
            writer.WriteString("body"u8, bytes);
            return false;
        }

        writer.WriteBase64String("body"u8, bytes);
        return true;
    }

    /// <summary>Payload 2.0 and ALB single-value: one value per header, repeated ones joined as HTTP allows (cookies go apart).</summary>
    private static void WriteJoinedHeaders(Utf8JsonWriter writer, FunctionResponse response, string? cookie)
    {
        if (response.Headers.Count == 0 && cookie is null)
        {
            return;
        }

        writer.WriteStartObject("headers"u8);
        foreach (var (name, values) in response.Headers)
        {
            if (cookie is null || !name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                writer.WriteString(name, values.Count == 1 ? values[0] : string.Join(", ", values.ToArray()));
            }
        }

        if (cookie is not null)
        {
            writer.WriteString("Set-Cookie"u8, cookie);
        }

        writer.WriteEndObject();
    }

    private static void WriteMultiValueHeaders(Utf8JsonWriter writer, FunctionResponse response)
    {
        if (response.Headers.Count == 0 && response.Cookies.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("multiValueHeaders"u8);
        foreach (var (name, values) in response.Headers)
        {
            if (response.Cookies.Count > 0 && name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value ?? string.Empty);
            }

            writer.WriteEndArray();
        }

        if (response.Cookies.Count > 0)
        {
            writer.WriteStartArray("Set-Cookie"u8);
            foreach (var value in response.Cookies)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>The status line text ALB requires, e.g. <c>200 OK</c> (the name of the status, as AWS's own bridge writes it).</summary>
    /// <remarks>Made once per status code: enum names are looked up through metadata, a cost per ALB response otherwise.</remarks>
    internal static string StatusDescription(int statusCode) =>
        statusCode is >= 100 and <= 599
            ? s_descriptions[statusCode] ??= Describe(statusCode)
            : Describe(statusCode);

    private static string Describe(int statusCode) =>
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

    private static bool CanHaveBody(string method, int status) =>
        method != "HEAD" && status is not (204 or 304) && status >= 200;
}
