using System.Globalization;
using Microsoft.Azure.Functions.Worker.Http;

namespace Portable.Functions.Azure.Worker;

/// <summary>
/// Turns a neutral <c>Set-Cookie</c> value into the worker's <see cref="HttpCookie"/>: the worker sends
/// cookies to the host as structured objects (RpcHttpCookie), and one header map entry could not hold
/// several <c>Set-Cookie</c> values.
/// </summary>
internal static class SetCookieParser
{
    /// <summary>Parses <c>name=value; Path=/; ...</c>; returns <see langword="null"/> when there is no name.</summary>
    public static HttpCookie? Parse(string setCookie)
    {
        var parts = setCookie.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].IndexOf('=', StringComparison.Ordinal) is var eq && eq <= 0)
        {
            return null;
        }

        var cookie = new HttpCookie(parts[0][..eq], parts[0][(eq + 1)..]);
        foreach (var attribute in parts.Skip(1))
        {
            var split = attribute.IndexOf('=', StringComparison.Ordinal);
            var name = split < 0 ? attribute : attribute[..split];
            var value = split < 0 ? string.Empty : attribute[(split + 1)..];
            switch (name.ToLowerInvariant())
            {
                case "path":
                    cookie.Path = value;
                    break;
                case "domain":
                    cookie.Domain = value;
                    break;
                case "expires" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires):
                    cookie.Expires = expires;
                    break;
                case "max-age" when double.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var maxAge):
                    cookie.MaxAge = maxAge;
                    break;
                case "secure":
                    cookie.Secure = true;
                    break;
                case "httponly":
                    cookie.HttpOnly = true;
                    break;
                case "samesite":
                    cookie.SameSite = value.ToLowerInvariant() switch
                    {
                        "strict" => SameSite.Strict,
                        "lax" => SameSite.Lax,
                        "none" => SameSite.ExplicitNone,
                        _ => SameSite.None,
                    };
                    break;
            }
        }

        return cookie;
    }
}
