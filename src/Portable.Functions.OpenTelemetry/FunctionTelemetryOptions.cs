using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Portable.Functions.OpenTelemetry;

/// <summary>
/// Additions to what <see cref="OpenTelemetryFunctionAppBuilderExtensions.UseOpenTelemetry"/> wires from
/// the <c>OTEL_*</c> environment variables: more sources, meters, processors or exporters.
/// </summary>
public sealed class FunctionTelemetryOptions
{
    /// <summary>
    /// Called on the tracer provider's builder after the invocation source and the exporters named by
    /// <c>OTEL_TRACES_EXPORTER</c> were added. Setting it builds the tracer provider even when no exporter
    /// is named.
    /// </summary>
    public Action<TracerProviderBuilder>? ConfigureTracing { get; set; }

    /// <summary>
    /// Called on the meter provider's builder after the FaaS meter and the exporters named by
    /// <c>OTEL_METRICS_EXPORTER</c> were added. Setting it builds the meter provider even when no exporter
    /// is named.
    /// </summary>
    public Action<MeterProviderBuilder>? ConfigureMetrics { get; set; }

    /// <summary>
    /// Called on the OpenTelemetry logger options after the exporters named by <c>OTEL_LOGS_EXPORTER</c>
    /// were added. Setting it adds the OpenTelemetry logger provider even when no exporter is named.
    /// </summary>
    public Action<OpenTelemetryLoggerOptions>? ConfigureLogging { get; set; }
}
