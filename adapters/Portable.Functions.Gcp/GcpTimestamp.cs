using System.Globalization;

namespace Portable.Functions.Gcp;

/// <summary>RFC 3339 timestamps as the legacy GCF events and the conformance client expect them.</summary>
internal static class GcpTimestamp
{
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
        && text.Contains('T', StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// UTC with a literal <c>Z</c> (the conformance client compares time zones too, so <c>+00:00</c> fails);
    /// milliseconds, or microseconds when the value has sub-millisecond digits (the .NET framework's choice).
    /// </summary>
    public static string FormatUtc(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }
}
