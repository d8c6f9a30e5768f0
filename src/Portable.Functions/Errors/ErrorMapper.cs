using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions;

/// <summary>
/// The one place where failures become statuses, log lines and problem bodies. Each failure is logged
/// exactly once: client faults at Information, drops at Warning, function failures at Error.
/// </summary>
internal sealed partial class ErrorMapper(FunctionOptions options, ILogger logger)
{
    private const string GenericDetail = "The function failed. See the logs for this invocation id.";

    public static InvocationError FromProblem(FunctionProblemException problem) =>
        new(problem.StatusCode, problem.Title, problem.Detail, nameof(FunctionProblemException), IsRetryableStatus(problem.StatusCode));

    public InvocationError Map(Exception exception, FunctionContext context, bool deadlineHit, bool aborted)
    {
        // The pipeline has returned, so FunctionContext.Current no longer names the invocation.
        using var fields = InvocationLogFields.For(context);
        switch (exception)
        {
            case FunctionProblemException problem:
                if (problem.StatusCode >= 500)
                {
                    LogFailed(context.Logger, problem.StatusCode, exception);
                }
                else
                {
                    LogClientFault(context.Logger, problem.StatusCode, problem.Detail ?? problem.Title);
                }

                return FromProblem(problem);
            case DropEventException drop:
                LogDropped(context.Logger, drop.Message);
                return new InvocationError(422, "Event Dropped", drop.Message, nameof(DropEventException), isRetryable: false);
            case OperationCanceledException when deadlineHit:
                LogDeadline(context.Logger, context.Deadline);
                return new InvocationError(504, "Gateway Timeout", "The function did not finish before its deadline.", "DeadlineExceeded", isRetryable: true);
            case OperationCanceledException when aborted:
                LogAborted(context.Logger);
                return new InvocationError(499, "Client Closed Request", "The caller went away or the host is shutting down.", "InvocationAborted", isRetryable: true);
            default:
                LogFailed(context.Logger, 500, exception);
                var detail = options.IncludeExceptionDetails ? $"{exception.GetType().Name}: {exception.Message}" : GenericDetail;
                return new InvocationError(500, "Internal Server Error", detail, exception.GetType().Name, isRetryable: true);
        }
    }

    /// <summary>
    /// Logs a request rejected before any function ran, naming it <c>-</c> and its id; an id is
    /// generated when the platform gave none, so the line and the problem body can be matched.
    /// </summary>
    /// <returns>The invocation id the line carries.</returns>
    public string LogRejected(FunctionProblemException problem, string? invocationId, string? eventId = null, System.Diagnostics.ActivityContext trace = default)
    {
        invocationId ??= Guid.NewGuid().ToString("N");
        using var fields = InvocationLogFields.ForRejection(invocationId, eventId, trace);
        if (problem.StatusCode >= 500)
        {
            LogFailed(logger, problem.StatusCode, problem);
        }
        else
        {
            LogClientFault(logger, problem.StatusCode, problem.Detail ?? problem.Title);
        }

        return invocationId;
    }

    public FunctionResponse ToResponse(InvocationError error, Exception? exception, string? invocationId, string? traceId)
    {
        var body = new ProblemDetails
        {
            Title = error.Title,
            Status = error.StatusCode,
            Detail = error.StatusCode >= 500 && exception is not FunctionProblemException && !options.IncludeExceptionDetails ? GenericDetail : error.Detail,
            InvocationId = invocationId,
            TraceId = traceId,
        };
        var response = new FunctionResponse(error.StatusCode)
        {
            Body = ResponseBody.FromBytes(JsonSerializer.SerializeToUtf8Bytes(body, CoreJsonContext.Default.ProblemDetails)),
            ContentType = "application/problem+json",
        };
        if (exception is FunctionProblemException { Headers.Count: > 0 } problem)
        {
            foreach (var (name, value) in problem.Headers)
            {
                response.Headers.Add(name, value);
            }
        }

        return response;
    }

    private static bool IsRetryableStatus(int status) => status is >= 500 or 429 or 408 or 409;

    // The function name and invocation id are not in the messages: every provider stamps them on the
    // line from InvocationLogFields, so they appear once whoever writes the line.
    [LoggerMessage(1, LogLevel.Information, "Rejected: {Status} {Detail}")]
    private static partial void LogClientFault(ILogger logger, int status, string detail);

    [LoggerMessage(2, LogLevel.Error, "Failed with {Status}")]
    private static partial void LogFailed(ILogger logger, int status, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Dropped the event: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Error, "Did not finish before its deadline {Deadline:o}")]
    private static partial void LogDeadline(ILogger logger, DateTimeOffset deadline);

    [LoggerMessage(5, LogLevel.Information, "Aborted (client disconnected or host shutting down)")]
    private static partial void LogAborted(ILogger logger);
}
