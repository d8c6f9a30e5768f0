using Microsoft.Extensions.Logging;

namespace Portable.Functions.Testing;

/// <summary>One log line the app wrote while under test.</summary>
/// <param name="Category">The logger's category (e.g. <c>Function.hello</c>).</param>
/// <param name="Level">The level.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with the line, if any.</param>
/// <param name="InvocationId">The invocation id in scope when the line was written (the platform's request id), if any.</param>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception, string? InvocationId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Level}: {Message}";
}
