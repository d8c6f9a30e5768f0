using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions;

/// <summary>
/// A synchronous one-line-per-entry console logger. Chosen over Microsoft.Extensions.Logging.Console
/// for cold start (no background queue thread, no options monitoring) and because serverless
/// platforms collect stdout line by line. Adapters replace it with their platform's format.
/// </summary>
/// <remarks>
/// Line format: <c>timestamp level category: message</c>; inside an invocation
/// <c>timestamp level category [function invocationId trace=traceId event=cloudEventId]: message</c>
/// (<c>trace=</c> when the invocation has a trace context), with
/// <c>-</c> for the function of a request rejected before routing and the function's own category
/// (<c>Function.&lt;name&gt;</c>) shortened to <c>Function</c> so the name appears once.
/// </remarks>
internal sealed class ConsoleLoggerProvider(TextWriter? output = null, TextWriter? error = null)
    : LineLoggerProvider(output, error, errorToStandardError: true)
{
    /// <inheritdoc />
    protected override string Format(LogLevel level, string category, string message, Exception? exception, IReadOnlyList<KeyValuePair<string, object?>>? state, InvocationLogFields fields)
    {
        var line = Format(DateTimeOffset.UtcNow, level, category, message, fields);
        return exception is null ? line : line + Environment.NewLine + exception;
    }

    /// <summary>Formats one line (without the exception).</summary>
    internal static string Format(DateTimeOffset timestamp, LogLevel level, string category, string message, InvocationLogFields fields)
    {
        var time = timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        if (!fields.IsInvocation)
        {
            return $"{time} {Level(level)} {category}: {message}";
        }

        var eventId = fields.EventId is null ? string.Empty : " event=" + fields.EventId;

        // The W3C trace id (the incoming traceparent's, or the invocation span's): the key that finds the
        // line next to the invocation's spans in a tracing backend.
        var traceId = fields.TraceContext.TraceId is { } trace && trace != default ? " trace=" + trace.ToHexString() : string.Empty;
        return $"{time} {Level(level)} {fields.TextCategory(category)} [{fields.FunctionName} {fields.InvocationId}{traceId}{eventId}]: {message}";
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
