using Microsoft.Extensions.Configuration;

namespace Portable.Functions.OpenTelemetry;

/// <summary>
/// Which exporters the <c>OTEL_*</c> variables ask for, per signal
/// (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/, "Exporter
/// selection"): a comma-separated list of <c>otlp</c>, <c>console</c> and <c>none</c>.
/// </summary>
/// <remarks>
/// One deliberate difference from the specification: an unset <c>OTEL_TRACES_EXPORTER</c> (and the
/// metrics and logs ones) means <c>otlp</c> only when an OTLP endpoint is configured
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or the signal's own), otherwise nothing. The specification's
/// default, <c>otlp</c> to localhost, would make every function with the package referenced but no
/// collector build the SDK at cold start and fail to export on every invocation.
/// </remarks>
internal sealed class TelemetrySettings
{
    private TelemetrySettings(bool disabled, Exporters traces, Exporters metrics, Exporters logs)
    {
        Disabled = disabled;
        Traces = traces;
        Metrics = metrics;
        Logs = logs;
    }

    /// <summary>The exporters a signal uses.</summary>
    [Flags]
    internal enum Exporters
    {
        None = 0,
        Otlp = 1,
        Console = 2,
    }

    /// <summary><c>OTEL_SDK_DISABLED=true</c>: nothing is built.</summary>
    public bool Disabled { get; }

    public Exporters Traces { get; }

    public Exporters Metrics { get; }

    public Exporters Logs { get; }

    /// <summary>Whether any signal names an exporter.</summary>
    public bool AnyExporter => (Traces | Metrics | Logs) != Exporters.None;

    /// <summary>Reads the variables.</summary>
    /// <exception cref="InvalidOperationException">An exporter name other than <c>otlp</c>, <c>console</c> or <c>none</c>.</exception>
    public static TelemetrySettings Read(IConfiguration configuration)
    {
        var disabled = string.Equals(configuration["OTEL_SDK_DISABLED"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        var endpoint = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        return new TelemetrySettings(
            disabled,
            Parse(configuration, "OTEL_TRACES_EXPORTER", endpoint || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"])),
            Parse(configuration, "OTEL_METRICS_EXPORTER", endpoint || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"])),
            Parse(configuration, "OTEL_LOGS_EXPORTER", endpoint || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"])));
    }

    private static Exporters Parse(IConfiguration configuration, string name, bool endpointConfigured)
    {
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return endpointConfigured ? Exporters.Otlp : Exporters.None;
        }

        var exporters = Exporters.None;
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            exporters |= part.ToLowerInvariant() switch
            {
                "otlp" => Exporters.Otlp,
                "console" => Exporters.Console,
                "none" => Exporters.None,
                _ => throw new InvalidOperationException($"{name}='{value}': '{part}' is not an exporter this package has (otlp, console, none)."),
            };
        }

        return exporters;
    }
}
