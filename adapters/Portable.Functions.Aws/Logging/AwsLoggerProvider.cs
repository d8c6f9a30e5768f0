using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// Console logging in Lambda's formats. JSON (<c>AWS_LAMBDA_LOG_FORMAT=JSON</c>): one object per line
/// with the managed .NET runtime's field names — <c>timestamp</c>, <c>level</c>, <c>requestId</c>,
/// <c>traceId</c>, <c>message</c>, one property per named template placeholder, and
/// <c>errorType</c>/<c>errorMessage</c>/<c>stackTrace</c> for exceptions — so CloudWatch filters by level
/// and keeps stack traces in one event. Text: <c>timestamp&lt;TAB&gt;requestId&lt;TAB&gt;level&lt;TAB&gt;message</c>
/// like the managed runtime. Ids come from <see cref="InvocationLogFields.Current"/>, else from the
/// invocation the runtime loop serves on the current async flow (<see cref="AwsInvocationScope"/>): inside an
/// invocation the JSON object also has <c>function</c> (the portable function's name, <c>-</c> for a
/// request rejected before routing) and, for CloudEvents, <c>eventId</c>; the text line puts them in
/// brackets after the category (<c>Function [orders]: ...</c>, <c>Function [order-placed event=e-1]: ...</c>).
/// Lines go to <paramref name="output"/>, or with none to the console's standard output, looked up when a
/// line is written: a cold start that logs nothing never sets the console up.
/// </summary>
/// <param name="json">Lambda's JSON format instead of its text format.</param>
/// <param name="output">Where lines go (tests); null for standard output.</param>
internal sealed class AwsLoggerProvider(bool json, TextWriter? output = null) : LineLoggerProvider(output)
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Maps <c>AWS_LAMBDA_LOG_LEVEL</c> (TRACE, DEBUG, INFO, WARN, ERROR, FATAL) to a level; null when unset or unknown.</summary>
    internal static LogLevel? ParseLevel(string? text) => text?.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Information,
        "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Critical,
        _ => null,
    };

    /// <summary>
    /// The level as Lambda names it (the names <c>AWS_LAMBDA_LOG_LEVEL</c> takes): Lambda's log-level
    /// filtering and CloudWatch's level field recognise these, not the .NET names.
    /// </summary>
    internal static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    /// <inheritdoc />
    protected override string Format(LogLevel level, string category, string message, Exception? exception, IReadOnlyList<KeyValuePair<string, object?>>? state, InvocationLogFields fields)
    {
        var context = fields.Context;

        // The pipeline's context when the line is written inside it; otherwise the invocation the runtime
        // loop is serving on this async flow (its lines before routing and after the answer). Both are per
        // invocation, so concurrent invocations (Lambda Managed Instances) never borrow each other's ids.
        var native = context?.GetNative<AwsInvocation>() ?? AwsInvocationScope.Current;
        var requestId = fields.InvocationId ?? native?.RequestId;
        var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        if (!json)
        {
            // The request id has its own column, as in the managed runtime; the function (and event) go
            // with the category, whose Function.<name> form is shortened so the name appears once.
            var line = !fields.IsInvocation
                ? $"{timestamp}\t{requestId ?? "-"}\t{LevelName(level)}\t{category}: {message}"
                : $"{timestamp}\t{requestId}\t{LevelName(level)}\t{fields.TextCategory(category)} [{fields.FunctionName}{(fields.EventId is null ? string.Empty : " event=" + fields.EventId)}]: {message}";
            return exception is null ? line : line + Environment.NewLine + exception;
        }

        var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", timestamp);
            writer.WriteString("level", LevelName(level));
            WriteIfPresent(writer, "requestId", requestId);
            WriteIfPresent(writer, "traceId", native?.TraceId);
            WriteIfPresent(writer, "tenantId", native?.TenantId);
            writer.WriteString("message", message);
            writer.WriteString("category", category);
            WriteIfPresent(writer, "function", fields.FunctionName);
            WriteIfPresent(writer, "eventId", fields.EventId);
            foreach (var (name, value) in state ?? [])
            {
                if (name == "{OriginalFormat}" || name is "timestamp" or "level" or "requestId" or "traceId" or "tenantId" or "message" or "category" or "function" or "eventId")
                {
                    continue;
                }

                WriteValue(writer, name, value);
            }

            if (exception is not null)
            {
                writer.WriteString("errorType", exception.GetType().FullName);
                writer.WriteString("errorMessage", exception.Message);
                writer.WriteStartArray("stackTrace");
                foreach (var frame in exception.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    writer.WriteStringValue(frame);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(name);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int or long or short or byte or uint or ulong or ushort:
                writer.WriteNumber(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                writer.WriteNumber(name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
