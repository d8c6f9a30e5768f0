namespace Portable.Functions;

/// <summary>Turns the exception that stopped a host into the one line the start-up failure log shows.</summary>
internal static class StartupFailure
{
    /// <summary>The message and those of its inner exceptions (when they add something), on one line.</summary>
    public static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var message = current.Message.ReplaceLineEndings(" ").Trim();
            if (message.Length > 0 && !parts.Any(p => p.Contains(message, StringComparison.Ordinal)))
            {
                parts.Add(message);
            }
        }

        return parts.Count == 0 ? exception.GetType().Name : string.Join(" ← ", parts);
    }
}
