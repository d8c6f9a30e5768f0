using Microsoft.Extensions.Configuration;

namespace Portable.Functions;

/// <summary>
/// Pipeline limits and behaviour, the same on every platform. Defaults follow Knative/Kestrel; each
/// platform adapter may lower them to its own limits (Lambda: 6 MB payloads). Read from configuration
/// at start-up (environment variables shown), then changeable in code on <c>builder.Options</c>.
/// </summary>
public sealed class FunctionOptions
{
    /// <summary>
    /// Invocation timeout when the platform gives no deadline. Default 300 s (Knative's default
    /// <c>timeoutSeconds</c>). <c>PORTABLE_TIMEOUT_SECONDS</c>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// The invocation token fires this long before the deadline, so a handler can stop and answer before
    /// the platform kills it. Default 500 ms. <c>PORTABLE_DEADLINE_GRACE_MS</c>.
    /// </summary>
    public TimeSpan DeadlineGracePeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Largest request body accepted; larger bodies get 413. Default 30 MB (Kestrel's default).
    /// <c>PORTABLE_MAX_BODY_BYTES</c>.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = 30_000_000;

    /// <summary>
    /// How long a SIGTERM drain may take: in-flight invocations continue, and their token fires only
    /// when this budget (minus the grace period) runs out. Default 30 s.
    /// <c>PORTABLE_SHUTDOWN_TIMEOUT_SECONDS</c>.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Put exception type and message in 500 problem bodies. Default: only in the Development environment.
    /// Never includes stack traces.
    /// </summary>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>
    /// What happens to an event no function can take (unknown CloudEvent type, data that does not
    /// deserialize, non-JSON data for a typed handler, a 4xx thrown by the handler). Default
    /// <see cref="UndeliverableEventPolicy.Fail"/>: the platform retries it and finally dead-letters it.
    /// <c>PORTABLE_UNDELIVERABLE_EVENTS</c> = <c>fail</c> | <c>drop</c>; any other value fails start-up.
    /// </summary>
    public UndeliverableEventPolicy UndeliverableEvents { get; set; }

    internal static FunctionOptions FromConfiguration(IConfiguration configuration, bool isDevelopment, List<string> errors)
    {
        var options = new FunctionOptions { IncludeExceptionDetails = isDevelopment };
        if (ReadDouble(configuration, "PORTABLE_TIMEOUT_SECONDS", errors) is { } timeout)
        {
            options.Timeout = TimeSpan.FromSeconds(timeout);
        }

        if (ReadDouble(configuration, "PORTABLE_DEADLINE_GRACE_MS", errors) is { } grace)
        {
            options.DeadlineGracePeriod = TimeSpan.FromMilliseconds(grace);
        }

        if (ReadDouble(configuration, "PORTABLE_MAX_BODY_BYTES", errors) is { } maxBody)
        {
            options.MaxRequestBodySize = (long)maxBody;
        }

        if (ReadDouble(configuration, "PORTABLE_SHUTDOWN_TIMEOUT_SECONDS", errors) is { } shutdown)
        {
            options.ShutdownTimeout = TimeSpan.FromSeconds(shutdown);
        }

        if (configuration["PORTABLE_UNDELIVERABLE_EVENTS"] is { } policy && !string.IsNullOrWhiteSpace(policy))
        {
            options.UndeliverableEvents = policy.Trim().ToUpperInvariant() switch
            {
                "FAIL" => UndeliverableEventPolicy.Fail,
                "DROP" => UndeliverableEventPolicy.Drop,
                _ => Invalid(errors, $"Configuration value PORTABLE_UNDELIVERABLE_EVENTS='{policy}' is not 'fail' or 'drop'."),
            };
        }

        return options;
    }

    private static UndeliverableEventPolicy Invalid(List<string> errors, string message)
    {
        errors.Add(message);
        return UndeliverableEventPolicy.Fail;
    }

    /// <summary>Reads a non-negative number; a bad value is recorded (reported when the app freezes) and the default kept.</summary>
    private static double? ReadDouble(IConfiguration configuration, string key, List<string> errors)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
        {
            errors.Add($"Configuration value {key}='{text}' is not a non-negative number.");
            return null;
        }

        return value;
    }
}
