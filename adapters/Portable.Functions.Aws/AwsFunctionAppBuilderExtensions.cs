using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>Registers the AWS Lambda host.</summary>
public static class AwsFunctionAppBuilderExtensions
{
    /// <summary>
    /// Runs the app on AWS Lambda when <c>AWS_LAMBDA_RUNTIME_API</c> is set (as <c>bootstrap</c> on
    /// <c>provided.al2023</c> or as an executable on the managed <c>dotnet</c> runtime); elsewhere the
    /// next registered host runs. When active, console logging is replaced by Lambda's format
    /// (<c>AWS_LAMBDA_LOG_FORMAT=JSON</c>: one JSON object per line; text otherwise): call it before
    /// adding logging providers of your own, which would otherwise be cleared with the console one.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional settings.</param>
    /// <returns>The builder.</returns>
    public static FunctionAppBuilder UseAws(this FunctionAppBuilder builder, Action<AwsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new AwsOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton<IFunctionHost>(new AwsHost(options));
        // A factory: the writer exists only when --write-deploy-files asks for it.
        builder.Services.AddSingleton<IDeploymentWriter>(static _ => new Deploy.AwsDeploymentWriter());
        // A factory too: the in-memory invoker (tests, tools) exists only when resolved.
        builder.Services.AddSingleton<INativeInvoker>(_ => new AwsNativeInvoker(options));
        if (!string.IsNullOrEmpty(options.RuntimeApi ?? builder.Configuration["AWS_LAMBDA_RUNTIME_API"]))
        {
            var json = string.Equals(builder.Configuration["AWS_LAMBDA_LOG_FORMAT"], "JSON", StringComparison.OrdinalIgnoreCase);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new AwsLoggerProvider(json));
            if (json && AwsLoggerProvider.ParseLevel(builder.Configuration["AWS_LAMBDA_LOG_LEVEL"]) is { } level)
            {
                builder.Logging.SetMinimumLevel(level);
            }
        }

        return builder;
    }
}
