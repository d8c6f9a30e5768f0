namespace Portable.Functions.Hosting;

/// <summary>Untrusted input quoted in error messages and logs, cut short so a hostile value cannot flood them.</summary>
public static class UntrustedText
{
    /// <summary>The text, cut to 64 characters followed by <c>...</c> when longer.</summary>
    /// <param name="text">The untrusted text.</param>
    /// <returns>The text, shortened.</returns>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "...");
    }
}
