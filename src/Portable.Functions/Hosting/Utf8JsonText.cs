namespace Portable.Functions.Hosting;

/// <summary>UTF-8 JSON as platforms deliver it, made ready for System.Text.Json.</summary>
public static class Utf8JsonText
{
    /// <summary>
    /// The JSON without a leading UTF-8 byte-order mark: RFC 8259 §8.1 lets a parser ignore one, and
    /// other frameworks do, but <c>JsonDocument</c> and the span overloads of <c>JsonSerializer</c> reject it.
    /// </summary>
    /// <param name="json">UTF-8 JSON, perhaps with a byte-order mark.</param>
    /// <returns>The same memory after the mark; unchanged without one (no copy either way).</returns>
    public static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> json) =>
        json.Span.StartsWith("\uFEFF"u8) ? json[3..] : json;
}
