using Microsoft.Extensions.Primitives;

namespace Portable.Functions;

/// <summary>Parses <c>Cookie</c> request headers (<c>a=1; b=2</c>); the first value of a name wins.</summary>
internal static class CookieParser
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(0, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> Parse(StringValues headers)
    {
        if (headers.Count == 0)
        {
            return Empty;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            Add(result, header);
        }

        return result;
    }

    private static void Add(Dictionary<string, string> result, string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return;
        }

        var span = header.AsSpan();
        foreach (var range in span.Split(';'))
        {
            var part = span[range].Trim();
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var name = part[..eq].Trim().ToString();
            var value = part[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1];
            }

            result.TryAdd(name, value.ToString());
        }
    }
}
