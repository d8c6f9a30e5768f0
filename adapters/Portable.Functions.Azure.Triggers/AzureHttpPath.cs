namespace Portable.Functions.Azure;

/// <summary>HTTP trigger paths as the Functions host delivers them, turned into portable routing paths (custom handler and isolated worker alike).</summary>
public static class AzureHttpPath
{
    /// <summary>
    /// Decodes a URL path like ASP.NET Core's request path: everything except <c>%2F</c>, so a segment
    /// never splits (the Functions host hands over the raw URL).
    /// </summary>
    /// <param name="escaped">The URL's escaped path.</param>
    /// <returns>The decoded path.</returns>
    public static string DecodePath(string escaped)
    {
        if (!escaped.Contains('%', StringComparison.Ordinal))
        {
            return escaped;
        }

        var parts = escaped.Split(["%2F", "%2f"], StringSplitOptions.None);
        return string.Join("%2F", parts.Select(Uri.UnescapeDataString));
    }

    /// <summary>
    /// Removes the host's HTTP route prefix (<c>api</c> by default) from a path, so functions route on
    /// the same paths as on other platforms. Compared ignoring case, whole segments only.
    /// </summary>
    /// <param name="path">The decoded path.</param>
    /// <param name="routePrefix">The prefix, with or without slashes; empty for none.</param>
    /// <returns>The path without the prefix, or unchanged when it does not start with it.</returns>
    public static string StripPrefix(string path, string routePrefix)
    {
        var prefix = routePrefix.Trim('/');
        if (prefix.Length == 0)
        {
            return path;
        }

        var withSlash = "/" + prefix;
        if (path.StartsWith(withSlash, StringComparison.OrdinalIgnoreCase) && (path.Length == withSlash.Length || path[withSlash.Length] == '/'))
        {
            return path[withSlash.Length..];
        }

        return path;
    }
}
