using Microsoft.Extensions.Primitives;

namespace Portable.Functions;

/// <summary>Parses <c>a=1&amp;a=2&amp;b</c> with form rules: <c>+</c> is a space, percent escapes decoded.</summary>
internal static class QueryStringParser
{
    public static QueryCollection Parse(string query)
    {
        var span = query.AsSpan();
        if (span.Length > 0 && span[0] == '?')
        {
            span = span[1..];
        }

        if (span.IsEmpty)
        {
            return QueryCollection.Empty;
        }

        var result = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var range in span.Split('&'))
        {
            var pair = span[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            result[name] = result.TryGetValue(name, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
        }

        return QueryCollection.Own(result);
    }

    public static string Decode(ReadOnlySpan<char> text)
    {
        if (!text.ContainsAny('+', '%'))
        {
            return text.ToString();
        }

        var replaced = text.ToString().Replace('+', ' ');
        return replaced.Contains('%') ? Uri.UnescapeDataString(replaced) : replaced;
    }
}
