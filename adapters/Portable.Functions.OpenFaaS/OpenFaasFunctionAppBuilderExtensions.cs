using Microsoft.Extensions.DependencyInjection;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenFaaS;

/// <summary>Registers the OpenFaaS host (behind of-watchdog in http mode).</summary>
public static class OpenFaasFunctionAppBuilderExtensions
{
    /// <summary>
    /// Serves the app behind OpenFaaS's of-watchdog in <c>mode=http</c> when the watchdog forked the process
    /// (<c>mode=http</c>, <c>fprocess</c>/<c>function_process</c> and <c>upstream_url</c>/<c>http_upstream_url</c>
    /// set) or <see cref="OpenFaasOptions.Enabled"/> is true; otherwise another host runs the app. When active:
    /// the server listens on the upstream URL's port (loopback when the URL is), the invocation timeout is the
    /// watchdog's (the shorter of a non-zero <c>exec_timeout</c> and <c>write_timeout</c>, default 30 s) unless
    /// <c>PORTABLE_TIMEOUT_SECONDS</c> is set, and the shutdown drain budget is <c>healthcheck_interval</c> +
    /// <c>write_timeout</c> (how long the watchdog waits after SIGTERM) unless <c>PORTABLE_SHUTDOWN_TIMEOUT_SECONDS</c>
    /// is set. An upstream URL that is not <c>http://host:port</c> fails start-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional settings.</param>
    /// <returns>The builder.</returns>
    public static FunctionAppBuilder UseOpenFaaS(this FunctionAppBuilder builder, Action<OpenFaasOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new OpenFaasOptions();
        configure?.Invoke(options);
        var configuration = builder.Configuration;
        if (options.Enabled ?? OpenFaasSettings.IsWatchdog(configuration))
        {
            var settings = OpenFaasSettings.Read(configuration);
            if (string.IsNullOrWhiteSpace(configuration["PORTABLE_TIMEOUT_SECONDS"]))
            {
                builder.Options.Timeout = settings.InvocationTimeout;
            }

            if (string.IsNullOrWhiteSpace(configuration["PORTABLE_SHUTDOWN_TIMEOUT_SECONDS"]))
            {
                builder.Options.ShutdownTimeout = settings.HealthcheckInterval + settings.WriteTimeout;
            }
        }

        var host = new OpenFaasHost(options);
        builder.Services.AddSingleton<IFunctionHost>(host);

        // A factory: the in-memory invoker (tests, tools) exists only when resolved.
        builder.Services.AddSingleton<INativeInvoker>(_ => new AspNetCore.HttpNativeInvoker("openfaas", host.CreateRequestDelegate));

        // A factory: the writer exists only when --write-deploy-files asks for it.
        builder.Services.AddSingleton<IDeploymentWriter>(static _ => new Deploy.OpenFaasDeploymentWriter());
        return builder;
    }
}
