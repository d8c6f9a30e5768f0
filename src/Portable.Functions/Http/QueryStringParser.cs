using Microsoft.Extensions.Primitives;

namespace Portable.Functions;

/// <summary>Parses <c>a=1&amp;a=2&amp;b</c> with form rules: <c>+</c> is a space, percent escapes decoded.</summary>
internal static class QueryStringParser
{
    /// <summary>Up to this many pairs are kept in an array searched linearly, more in a dictionary.</summary>
    internal const int MaxInlinePairs = 8;

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

        // At most one parameter per '&'-separated part: a short query fits the array.
        var parts = span.Count('&') + 1;
        if (parts > MaxInlinePairs)
        {
            var result = new Dictionary<string, StringValues>(StringComparer.Ordinal);
            foreach (var range in span.Split('&'))
            {
                if (TryDecodePair(span[range], out var name, out var value))
                {
                    result[name] = result.TryGetValue(name, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
                }
            }

            return QueryCollection.Own(result);
        }

        var pairs = new KeyValuePair<string, StringValues>[parts];
        var count = 0;
        foreach (var range in span.Split('&'))
        {
            if (TryDecodePair(span[range], out var name, out var value))
            {
                var slot = QueryCollection.IndexOf(pairs, count, name);
                if (slot >= 0)
                {
                    pairs[slot] = new(name, StringValues.Concat(pairs[slot].Value, value));
                }
                else
                {
                    pairs[count++] = new(name, new StringValues(value));
                }
            }
        }

        return count == 0 ? QueryCollection.Empty : QueryCollection.Own(pairs, count);
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

    private static bool TryDecodePair(ReadOnlySpan<char> pair, out string name, out string value)
    {
        if (pair.IsEmpty)
        {
            name = value = string.Empty;
            return false;
        }

        var eq = pair.IndexOf('=');
        name = Decode(eq < 0 ? pair : pair[..eq]);
        value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
        return true;
    }
}
