using System.Text;

namespace Portable.Functions;

/// <summary>
/// Percent-encoding of CloudEvents binary-mode header values: space, <c>"</c>, <c>%</c> and anything
/// outside printable ASCII are encoded as UTF-8 bytes; decoding rejects invalid UTF-8 (spec rule).
/// </summary>
internal static class PercentEncoding
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (c is <= ' ' or '"' or '%' or >= (char)0x7F)
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is <= (byte)' ' or (byte)'"' or (byte)'%' or >= 0x7F)
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    public static string Decode(string value, string headerName)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var bytes = new byte[value.Length];
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes[length++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                i += 2;
            }
            else if (c == '%')
            {
                throw FunctionProblemException.BadRequest($"CloudEvent header '{headerName}' has an invalid percent-encoding.");
            }
            else if (c > 0x7F)
            {
                throw FunctionProblemException.BadRequest($"CloudEvent header '{headerName}' must be ASCII with percent-encoded UTF-8.");
            }
            else
            {
                bytes[length++] = (byte)c;
            }
        }

        try
        {
            return s_strictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException exception)
        {
            throw FunctionProblemException.BadRequest($"CloudEvent header '{headerName}' decodes to invalid UTF-8.", exception);
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
