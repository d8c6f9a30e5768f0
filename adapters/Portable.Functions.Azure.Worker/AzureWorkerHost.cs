using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Azure.Functions.Worker.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure.Worker;

/// <summary>
/// Runs the Functions worker (gRPC to the host) with the portable functions plugged in: an
/// <see cref="IFunctionMetadataProvider"/> that reports them, and an <see cref="IFunctionExecutor"/>
/// that runs them through the portable pipeline.
/// </summary>
internal sealed class AzureWorkerHost(AzureWorkerOptions options, IReadOnlyList<string> args) : IFunctionHost
{
    public string Name => "azure-isolated-worker";

    public bool IsFallback => false;

    public bool IsActive(FunctionApp app) =>
        !string.IsNullOrEmpty(app.Configuration["FUNCTIONS_WORKER_DIRECTORY"]) || !string.IsNullOrEmpty(app.Configuration["functions-uri"]);

    public async Task RunAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        var builder = new HostBuilder().ConfigureFunctionsWorkerDefaults();
        builder.ConfigureHostConfiguration(configuration => Microsoft.Extensions.Configuration.CommandLineConfigurationExtensions.AddCommandLine(configuration, [.. args]));
        options.ConfigureHost?.Invoke(builder);

        // Registered last, so these win over the worker's defaults and any source-generated provider.
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(app);
            services.AddSingleton(options);
            services.AddSingleton<IFunctionMetadataProvider, PortableFunctionMetadataProvider>();
            services.AddSingleton<IFunctionExecutor, PortableFunctionExecutor>();
        });

        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
