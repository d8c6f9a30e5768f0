using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenTelemetry;

/// <summary>Wires OpenTelemetry traces, metrics and logs into a function app.</summary>
public static class OpenTelemetryFunctionAppBuilderExtensions
{
    /// <summary>
    /// Exports the invocation spans (source <see cref="FunctionInvoker.ActivitySourceName"/>), the FaaS
    /// metrics (meter <see cref="FunctionInvoker.MeterName"/>) and the app's log lines with OpenTelemetry,
    /// as the standard variables say: <c>OTEL_TRACES_EXPORTER</c>, <c>OTEL_METRICS_EXPORTER</c>,
    /// <c>OTEL_LOGS_EXPORTER</c> (<c>otlp</c>, <c>console</c>, <c>none</c>; unset means <c>otlp</c> when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, else nothing), <c>OTEL_EXPORTER_OTLP_*</c>,
    /// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c> and <c>OTEL_SDK_DISABLED</c>. The resource
    /// carries <c>service.name</c> (<c>OTEL_SERVICE_NAME</c>, else the platform's function or service name)
    /// and the <c>cloud.*</c> and <c>faas.*</c> attributes the platform's environment tells. On AWS Lambda the
    /// adapter flushes the telemetry before posting each response, within the invocation's deadline.
    /// </summary>
    /// <remarks>
    /// With no exporter named and nothing in <paramref name="configure"/>, nothing is built or registered:
    /// the call costs a few configuration reads. Call it after the platform's <c>Use...()</c> call: some
    /// replace the logging providers registered before them (<c>UseGcp</c> for Cloud Logging). An app built
    /// with <c>&lt;PortableTelemetry&gt;false&lt;/PortableTelemetry&gt;</c> (the runtime option
    /// <c>Portable.Functions.Telemetry.IsSupported=false</c>) gets nothing from this call, not even the
    /// variables' checks, and a Native AOT or trimmed publish leaves the OpenTelemetry SDK out.
    /// </remarks>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional additions (sources, meters, exporters, processors).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">An <c>OTEL_*_EXPORTER</c> names an exporter other than <c>otlp</c>, <c>console</c> or <c>none</c>.</exception>
    public static FunctionAppBuilder UseOpenTelemetry(this FunctionAppBuilder builder, Action<FunctionTelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // <PortableTelemetry>false</PortableTelemetry>: the feature switch is off, and with this return the
        // trimmer finds no path to the SDK and leaves it out of a Native AOT binary.
        if (!TelemetryFeature.IsSupported)
        {
            return builder;
        }

        var settings = TelemetrySettings.Read(builder.Configuration);
        if (settings.Disabled || (configure is null && !settings.AnyExporter))
        {
            // Nothing asked: return before touching a type of the OpenTelemetry assemblies, so the
            // runtime does not even load them.
            return builder;
        }

        Wire(builder, settings, configure);
        return builder;
    }

    // Kept out of UseOpenTelemetry so that compiling it (JIT) does not load the SDK's assemblies.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Wire(FunctionAppBuilder builder, TelemetrySettings settings, Action<FunctionTelemetryOptions>? configure)
    {
        var options = new FunctionTelemetryOptions();
        configure?.Invoke(options);
        var tracing = settings.Traces != TelemetrySettings.Exporters.None || options.ConfigureTracing is not null;
        var metrics = settings.Metrics != TelemetrySettings.Exporters.None || options.ConfigureMetrics is not null;
        var logs = settings.Logs != TelemetrySettings.Exporters.None || options.ConfigureLogging is not null;
        if (!tracing && !metrics && !logs)
        {
            return;
        }

        var resource = CreateResource(builder);
        var tracerProvider = tracing ? BuildTracing(resource, settings.Traces, options.ConfigureTracing) : null;
        var meterProvider = metrics ? BuildMetrics(resource, settings.Metrics, options.ConfigureMetrics) : null;
        if (logs)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.SetResourceBuilder(resource);
                logging.IncludeFormattedMessage = true;
                if ((settings.Logs & TelemetrySettings.Exporters.Otlp) != 0)
                {
                    logging.AddOtlpExporter();
                }

                if ((settings.Logs & TelemetrySettings.Exporters.Console) != 0)
                {
                    logging.AddConsoleExporter();
                }

                options.ConfigureLogging?.Invoke(logging);
            });

            // The logger provider lives in the app's container: the flush finds it there.
            builder.Services.AddSingleton<IFlushBeforeFreeze>(services => new TelemetryFlush(tracerProvider, meterProvider, services));
        }
        else
        {
            builder.Services.AddSingleton<IFlushBeforeFreeze>(new TelemetryFlush(tracerProvider, meterProvider, null));
        }

        // A long-running host (Knative, Azure, GCF) exits through here: export what the batches hold.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            tracerProvider?.Dispose();
            meterProvider?.Dispose();
        };
    }

    private static ResourceBuilder CreateResource(FunctionAppBuilder builder)
    {
        var configuration = builder.Configuration;
        var (platform, platformService) = PlatformResource.Detect(configuration);
        var fromVariable = PlatformResource.ParseResourceAttributes(configuration["OTEL_RESOURCE_ATTRIBUTES"]);
        var service = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name.Trim()
            : fromVariable.FirstOrDefault(a => a.Key == "service.name").Value as string ?? platformService;

        // Later additions win: platform, then OTEL_RESOURCE_ATTRIBUTES, then the service name.
        return ResourceBuilder.CreateEmpty()
            .AddTelemetrySdk()
            .AddAttributes(platform)
            .AddAttributes(fromVariable)
            .AddService(service, serviceInstanceId: null, autoGenerateServiceInstanceId: false);
    }

    private static TracerProvider BuildTracing(ResourceBuilder resource, TelemetrySettings.Exporters exporters, Action<TracerProviderBuilder>? configure)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(FunctionInvoker.ActivitySourceName);
        if ((exporters & TelemetrySettings.Exporters.Otlp) != 0)
        {
            tracing.AddOtlpExporter();
        }

        if ((exporters & TelemetrySettings.Exporters.Console) != 0)
        {
            tracing.AddConsoleExporter();
        }

        configure?.Invoke(tracing);
        return tracing.Build();
    }

    private static MeterProvider BuildMetrics(ResourceBuilder resource, TelemetrySettings.Exporters exporters, Action<MeterProviderBuilder>? configure)
    {
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(FunctionInvoker.MeterName);
        if ((exporters & TelemetrySettings.Exporters.Otlp) != 0)
        {
            metrics.AddOtlpExporter();
        }

        if ((exporters & TelemetrySettings.Exporters.Console) != 0)
        {
            metrics.AddConsoleExporter();
        }

        configure?.Invoke(metrics);
        return metrics.Build();
    }
}
