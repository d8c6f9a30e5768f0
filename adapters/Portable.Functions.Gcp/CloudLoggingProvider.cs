using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp;

/// <summary>
/// Writes one JSON object per line in Cloud Logging's structured format, which the Cloud Run logging agent
/// turns into log entries: <c>severity</c>, <c>message</c>, and inside an invocation the trace
/// (<c>logging.googleapis.com/trace</c>, <c>spanId</c>, <c>trace_sampled</c>) and the invocation's labels
/// in <c>logging.googleapis.com/labels</c>, which the agent moves to the entry's <c>labels</c> map of
/// strings (https://cloud.google.com/logging/docs/structured-logging, "Special JSON fields in
/// messages"): <c>execution_id</c>, <c>function</c> (<c>-</c> for a request rejected before routing)
/// and, for CloudEvents, <c>event_id</c>. Labels rather than payload fields because that is where Cloud
/// Run functions put their own <c>execution_id</c>, so one filter (<c>labels.execution_id="..."</c>)
/// finds the platform's and the function's lines alike.
/// Synchronous and lock-guarded (<see cref="LineLoggerProvider"/>): no queue thread, nothing lost on freeze.
/// </summary>
internal sealed class CloudLoggingProvider(string? projectId, TextWriter? writer = null) : LineLoggerProvider(writer)
{
    /// <inheritdoc />
    protected override string Format(LogLevel level, string category, string message, Exception? exception, IReadOnlyList<KeyValuePair<string, object?>>? state, InvocationLogFields fields) =>
        Format(level, category, message, exception, fields);

    /// <summary>Formats one entry (exposed for tests).</summary>
    internal string Format(LogLevel level, string category, string message, Exception? exception, InvocationLogFields fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("severity", Severity(level));

            // Error Reporting finds stack traces inside the message, so the exception goes there.
            json.WriteString("message", exception is null ? message : message + "\n" + exception);
            json.WriteString("category", category);
            // The invocation's span, or for a request rejected before routing the trace it came with.
            if (fields.TraceContext is { } trace && trace.TraceId != default)
            {
                var traceId = trace.TraceId.ToHexString();
                json.WriteString("logging.googleapis.com/trace", projectId is null ? traceId : $"projects/{projectId}/traces/{traceId}");
                json.WriteString("logging.googleapis.com/spanId", trace.SpanId.ToHexString());
                json.WriteBoolean("logging.googleapis.com/trace_sampled", (trace.TraceFlags & ActivityTraceFlags.Recorded) != 0);
            }

            if (fields.IsInvocation)
            {
                json.WriteStartObject("logging.googleapis.com/labels");
                json.WriteString("execution_id", fields.InvocationId);
                json.WriteString("function", fields.FunctionName);
                if (fields.EventId is { } eventId)
                {
                    json.WriteString("event_id", eventId);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        _ => "CRITICAL",
    };
}
