namespace Portable.Functions.Hosting;

/// <summary>Media-type tests shared by the pipeline and the adapters.</summary>
public static class MediaType
{
    /// <summary>True for JSON media types: <c>application/json</c>, <c>text/json</c>, <c>*/*+json</c> (parameters ignored).</summary>
    /// <param name="contentType">A <c>Content-Type</c> value, or <see langword="null"/>.</param>
    /// <returns>Whether the body is JSON.</returns>
    public static bool IsJson(string? contentType)
    {
        var type = Essence(contentType);
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True for content that is text and safe to carry as a string: <c>text/*</c>, JSON, XML,
    /// <c>application/javascript</c> and <c>application/x-www-form-urlencoded</c>. Everything else is
    /// treated as binary (base64 on platforms whose envelopes are JSON).
    /// </summary>
    /// <param name="contentType">A <c>Content-Type</c> value, or <see langword="null"/>.</param>
    /// <returns>Whether the body is text.</returns>
    public static bool IsText(string? contentType)
    {
        var type = Essence(contentType);
        return type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || IsJson(contentType)
            || type.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/javascript", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The <c>type/subtype</c> part of a content type, trimmed, without parameters.</summary>
    /// <param name="contentType">A <c>Content-Type</c> value, or <see langword="null"/>.</param>
    /// <returns>The essence, or an empty span.</returns>
    public static ReadOnlySpan<char> Essence(string? contentType)
    {
        if (contentType is null)
        {
            return [];
        }

        var span = contentType.AsSpan();
        var semi = span.IndexOf(';');
        return (semi >= 0 ? span[..semi] : span).Trim();
    }
}
