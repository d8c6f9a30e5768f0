using System.Text;

namespace Portable.Functions.Aws;

/// <summary>The percent-encoding rules the HTTP event sources need.</summary>
internal static class UrlEncoding
{
    /// <summary>
    /// Decodes a raw path except <c>%2F</c>, which stays encoded so a segment never splits (the
    /// convention of <see cref="FunctionRequest.Path"/>). Invalid escapes are kept as they are; invalid
    /// UTF-8 becomes U+FFFD.
    /// </summary>
    public static string DecodePath(string raw)
    {
        if (!raw.Contains('%'))
        {
            return raw;
        }

        var bytes = new List<byte>(raw.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && char.IsAsciiHexDigit(raw[i + 1]) && char.IsAsciiHexDigit(raw[i + 2]))
            {
                var value = (byte)Convert.ToInt32(raw.Substring(i + 1, 2), 16);
                if (value == (byte)'/')
                {
                    bytes.AddRange("%2F"u8);
                }
                else
                {
                    bytes.Add(value);
                }

                i += 2;
                continue;
            }

            if (char.IsSurrogate(c) && i + 1 < raw.Length)
            {
                var written = Encoding.UTF8.GetBytes(raw.AsSpan(i, 2), utf8);
                bytes.AddRange(utf8[..written]);
                i++;
                continue;
            }

            var count = Encoding.UTF8.GetBytes(raw.AsSpan(i, 1), utf8);
            bytes.AddRange(utf8[..count]);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Builds a raw query string, escaping names and values (payload 1.0 delivers them decoded).</summary>
    public static string BuildQuery(IEnumerable<KeyValuePair<string, List<string?>>> parameters, bool escape)
    {
        var builder = new StringBuilder();
        foreach (var (name, values) in parameters)
        {
            foreach (var value in values)
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                builder.Append(escape ? Uri.EscapeDataString(name) : name).Append('=').Append(escape ? Uri.EscapeDataString(value ?? string.Empty) : value);
            }
        }

        return builder.ToString();
    }
}
