using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions;

/// <summary>
/// The one log line for an event no function could take (see <see cref="UndeliverableEventPolicy"/>). The
/// function name, invocation id and event id come from <see cref="InvocationLogFields"/>, which the
/// caller scopes, so every log format prints them once.
/// </summary>
internal static partial class UndeliverableEventLog
{
    public static void Write(ILogger logger, CloudEvent cloudEvent, InvocationError error, bool dropped)
    {
        var detail = (error.Detail ?? error.Title).TrimEnd('.');
        if (dropped)
        {
            LogDropped(logger, cloudEvent.Id, UntrustedText.Shorten(cloudEvent.Type), error.StatusCode, detail);
        }
        else
        {
            LogFailed(logger, cloudEvent.Id, UntrustedText.Shorten(cloudEvent.Type), error.StatusCode, detail);
        }
    }

    [LoggerMessage(6, LogLevel.Warning, "Could not take event {EventId} (type {EventType}): {Status} {Detail}. It is not acknowledged, so the platform retries it and then dead-letters it.")]
    private static partial void LogFailed(ILogger logger, string eventId, string eventType, int status, string detail);

    [LoggerMessage(7, LogLevel.Warning, "Could not take event {EventId} (type {EventType}): {Status} {Detail}. It is acknowledged and discarded (UndeliverableEvents = Drop).")]
    private static partial void LogDropped(ILogger logger, string eventId, string eventType, int status, string detail);
}
