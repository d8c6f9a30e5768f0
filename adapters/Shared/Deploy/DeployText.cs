using System.Globalization;
using System.Text;

namespace Portable.Functions.Deploy;

/// <summary>
/// Text helpers shared (as linked source) by the adapters' deployment writers: names in each
/// platform's casing, and quoting for YAML, HCL and POSIX shell. Compiled into each adapter rather
/// than the core, so an app that never writes deployment files carries none of it in the core.
/// </summary>
internal static class DeployText
{
    /// <summary><c>HelloHttp</c>, <c>order-placed</c> → <c>hello-http</c>, <c>order-placed</c> (Kubernetes/Cloud Run names: lower-case, digits, '-').</summary>
    public static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && builder.Length > 0 && builder[^1] != '-' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var result = builder.ToString().Trim('-');
        return result.Length == 0 ? "app" : char.IsAsciiLetter(result[0]) ? result : "f-" + result;
    }

    /// <summary><c>order-placed</c> → <c>OrderPlaced</c> (CloudFormation logical ids: alphanumeric).</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.Length == 0 ? "App" : char.IsAsciiLetter(builder[0]) ? builder.ToString() : "F" + builder;
    }

    /// <summary><c>order-placed</c> → <c>order_placed</c> (Terraform resource names).</summary>
    public static string Snake(string name) => Kebab(name).Replace('-', '_');

    /// <summary>
    /// A YAML scalar: plain when it cannot be read as anything but this string, else single-quoted
    /// (YAML 1.1 readers take <c>yes</c>, <c>on</c>, <c>1.0</c> as booleans and numbers).
    /// </summary>
    public static string Yaml(string value)
    {
        if (value.Length > 0 && IsPlainSafe(value) && !LooksTyped(value))
        {
            return value;
        }

        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A YAML scalar always quoted (Kubernetes annotation values must be strings).</summary>
    public static string YamlQuoted(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>An HCL string literal (<c>${</c> and <c>%{</c> escaped so no template is interpolated).</summary>
    public static string Hcl(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '$' or '%' when i + 1 < value.Length && value[i + 1] == '{': builder.Append(c).Append(c); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A POSIX shell word in single quotes.</summary>
    public static string Shell(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or ',' or '@')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Invariant integer text.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark, with '\n' line ends.</summary>
    public static void WriteFile(string path, string text) =>
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false));

    private static bool IsPlainSafe(string value)
    {
        if (value[0] is '-' or '?' or ':' or '@' or '`' or '!' or '&' or '*' or '#' or '|' or '>' or '%' or '{' or '[' or '\'' or '"' or ' ')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '+' or '(' or ')' or '='))
            {
                return false;
            }
        }

        return value[^1] != ' ';
    }

    private static bool LooksTyped(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || value.StartsWith("0o", StringComparison.OrdinalIgnoreCase)
        || value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null" or "~" or ".inf" or ".nan";
}
