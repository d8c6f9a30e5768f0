using Portable.Functions.Hosting;

namespace Portable.Functions.OpenFaaS;

/// <summary>
/// What OpenFaaS adds to a forwarded request: the gateway's <c>X-Call-Id</c> (the invocation id) and an
/// optional <c>X-Timeout</c> that shortens the watchdog's <c>exec_timeout</c> for one request (of-watchdog
/// README, "Tracing / correlation IDs" and "Reducing timeouts"; http_runner.go getTimeout).
/// </summary>
internal static class OpenFaasHttpMapper
{
    public const string CallIdHeader = "X-Call-Id";
    public const string TimeoutHeader = "X-Timeout";

    /// <summary>The invocation id: the gateway's call id, if any.</summary>
    public static string? InvocationId(FunctionRequest request) =>
        request.Headers.GetFirst(CallIdHeader) is { Length: > 0 and <= 256 } id ? id : null;

    /// <summary>
    /// The deadline for one request: now + <c>X-Timeout</c> when the watchdog would honour it (a valid
    /// duration no longer than a non-zero <c>exec_timeout</c>), else <see langword="null"/> (the app's
    /// timeout, set from the watchdog's settings, applies).
    /// </summary>
    public static DateTimeOffset? Deadline(FunctionRequest request, OpenFaasSettings settings, DateTimeOffset now) =>
        settings.ExecTimeout > TimeSpan.Zero
        && GoDuration.TryParse(request.Headers.GetFirst(TimeoutHeader), out var timeout)
        && timeout > TimeSpan.Zero && timeout <= settings.ExecTimeout
            ? now + timeout
            : null;

    /// <summary>A copy of the options with a deadline (the bridge builds them without one).</summary>
    public static InvocationOptions WithDeadline(InvocationOptions options, DateTimeOffset deadline) => new()
    {
        Platform = options.Platform,
        InvocationId = options.InvocationId,
        Deadline = deadline,
        Aborted = options.Aborted,
        HostShutdown = options.HostShutdown,
        TraceParent = options.TraceParent,
        TraceState = options.TraceState,
        DeliveryAttempt = options.DeliveryAttempt,
        Target = options.Target,
        NativeRequest = options.NativeRequest,
    };
}
