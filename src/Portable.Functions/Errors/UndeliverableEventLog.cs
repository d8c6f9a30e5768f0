using Microsoft.Extensions.Logging;

namespace Portable.Functions;

/// <summary>The one log line for an event no function could take (see <see cref="UndeliverableEventPolicy"/>).</summary>
internal static partial class UndeliverableEventLog
{
    public static void Write(ILogger logger, string function, string? invocationId, CloudEvent cloudEvent, InvocationError error, bool dropped)
    {
        var detail = error.Detail ?? error.Title;
        if (dropped)
        {
            LogDropped(logger, function, invocationId, cloudEvent.Id, CloudEventJson.Truncate(cloudEvent.Type), error.StatusCode, detail);
        }
        else
        {
            LogFailed(logger, function, invocationId, cloudEvent.Id, CloudEventJson.Truncate(cloudEvent.Type), error.StatusCode, detail);
        }
    }

    [LoggerMessage(6, LogLevel.Warning, "{Function} [{InvocationId}] could not take event {EventId} (type {EventType}): {Status} {Detail}. It is not acknowledged, so the platform retries it and then dead-letters it.")]
    private static partial void LogFailed(ILogger logger, string function, string? invocationId, string eventId, string eventType, int status, string detail);

    [LoggerMessage(7, LogLevel.Warning, "{Function} [{InvocationId}] could not take event {EventId} (type {EventType}): {Status} {Detail}. It is acknowledged and discarded (UndeliverableEvents = Drop).")]
    private static partial void LogDropped(ILogger logger, string function, string? invocationId, string eventId, string eventType, int status, string detail);
}
