using System.Globalization;

namespace Portable.Functions;

/// <summary>Canonical string forms and parsing of CloudEvents attribute values.</summary>
internal static class CloudEventAttributeFormat
{
    public static string ToCanonicalString(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        Uri u => u.OriginalString,
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Parses an RFC 3339 timestamp; <see langword="false"/> when it is not one.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset value)
    {
        // RFC 3339 needs a date, a 'T' (or space) and an explicit offset or 'Z'.
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
        {
            value = default;
            return false;
        }

        var last = text[^1];
        var hasOffset = last is 'Z' or 'z' || (text.Length > 6 && text[^3] == ':' && text[^6] is '+' or '-');
        if (!hasOffset)
        {
            value = default;
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
