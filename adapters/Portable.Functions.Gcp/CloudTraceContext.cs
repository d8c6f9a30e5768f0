using System.Globalization;

namespace Portable.Functions.Gcp;

/// <summary>Google's <c>X-Cloud-Trace-Context</c> header (<c>TRACE_ID/SPAN_ID;o=OPTIONS</c>) as W3C trace context.</summary>
internal static class CloudTraceContext
{
    public const string HeaderName = "X-Cloud-Trace-Context";

    /// <summary>
    /// Converts the header to a <c>traceparent</c>: the 32-hex trace id is kept, the decimal span id becomes
    /// 16 hex digits, <c>o=1</c> means sampled. <see langword="null"/> for an absent or malformed header.
    /// </summary>
    public static string? ToTraceParent(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var span = header.AsSpan().Trim();
        var semicolon = span.IndexOf(';');
        var options = semicolon >= 0 ? span[(semicolon + 1)..] : [];
        var ids = semicolon >= 0 ? span[..semicolon] : span;
        var slash = ids.IndexOf('/');
        var traceId = slash >= 0 ? ids[..slash] : ids;
        if (traceId.Length != 32 || !IsHex(traceId) || traceId.IndexOfAnyExcept('0') < 0)
        {
            return null;
        }

        // A missing or zero span id is not valid W3C: stand in with a fixed non-zero parent id.
        ulong spanId = 0;
        if (slash >= 0 && !ulong.TryParse(ids[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out spanId))
        {
            return null;
        }

        var sampled = options.Trim().SequenceEqual("o=1");
        return $"00-{traceId.ToString().ToLowerInvariant()}-{(spanId == 0 ? 1 : spanId):x16}-{(sampled ? "01" : "00")}";
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
