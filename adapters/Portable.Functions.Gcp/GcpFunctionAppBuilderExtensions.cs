using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp;

/// <summary>Registers the Google Cloud Functions (Cloud Run functions) host.</summary>
public static class GcpFunctionAppBuilderExtensions
{
    /// <summary>The platform's request size limit, 32 MiB, used as the body limit unless <c>PORTABLE_MAX_BODY_BYTES</c> is set.</summary>
    public const long GcpMaxRequestBodySize = 32L * 1024 * 1024;

    /// <summary>
    /// Serves the function named by <c>FUNCTION_TARGET</c> (or <c>--target</c>) the Functions Framework way
    /// when one is configured, as on Cloud Run functions; otherwise another host (e.g. <c>UseKnative()</c>)
    /// runs the app. When active: <c>--port</c>/<c>PORT</c> (8080), <c>CLOUD_RUN_TIMEOUT_SECONDS</c> as the
    /// invocation timeout unless <c>PORTABLE_TIMEOUT_SECONDS</c> is set, a 32 MiB request body limit (the
    /// platform's) unless <c>PORTABLE_MAX_BODY_BYTES</c> is set, and Cloud Logging JSON lines when
    /// <c>K_SERVICE</c> is set (this replaces the logging providers registered before the call). An unknown
    /// target fails at start-up, naming the registered functions.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional settings.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException"><c>CLOUD_RUN_TIMEOUT_SECONDS</c> is not a positive number.</exception>
    public static FunctionAppBuilder UseGcp(this FunctionAppBuilder builder, Action<GcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new GcpOptions();
        configure?.Invoke(options);
        var configuration = builder.Configuration;
        var active = GcpSettings.HasTarget(configuration, builder.Args);
        if (options.StructuredLogging ?? (active && !string.IsNullOrEmpty(configuration["K_SERVICE"])))
        {
            var projectId = options.ProjectId ?? NonEmpty(configuration["GOOGLE_CLOUD_PROJECT"]) ?? NonEmpty(configuration["GCP_PROJECT"]);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new CloudLoggingProvider(projectId, options.LogWriter));
        }

        if (active && string.IsNullOrWhiteSpace(configuration["PORTABLE_TIMEOUT_SECONDS"]) && configuration["CLOUD_RUN_TIMEOUT_SECONDS"] is { Length: > 0 } timeout)
        {
            builder.Options.Timeout = double.TryParse(timeout, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new InvalidOperationException($"CLOUD_RUN_TIMEOUT_SECONDS='{timeout}' is not a positive number of seconds.");
        }

        if (active && string.IsNullOrWhiteSpace(configuration["PORTABLE_MAX_BODY_BYTES"]))
        {
            // Cloud Run (and so Cloud Run functions) accepts HTTP/1 request bodies up to 32 MiB.
            builder.Options.MaxRequestBodySize = GcpMaxRequestBodySize;
        }

        var host = new GcpHost(options, builder.Args);
        builder.Services.AddSingleton<IFunctionHost>(host);
        // A factory: the writer exists only when --write-deploy-files asks for it.
        builder.Services.AddSingleton<IDeploymentWriter>(static _ => new Deploy.GcpDeploymentWriter());
        // A factory too: the in-memory invoker (tests, tools) exists only when resolved; it serves the
        // target FUNCTION_TARGET or --target names, as the host does.
        builder.Services.AddSingleton<INativeInvoker>(_ => new AspNetCore.HttpNativeInvoker("gcp", host.CreateRequestDelegate));
        return builder;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
