using Microsoft.Extensions.DependencyInjection;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>Registers the Azure Functions custom-handler host.</summary>
public static class AzureFunctionAppBuilderExtensions
{
    /// <summary>
    /// Runs the app as an Azure Functions custom handler when the Functions host starts it
    /// (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c> is set; app setting <c>FUNCTIONS_WORKER_RUNTIME=custom</c>).
    /// Started with <c>--write-azure-metadata &lt;dir&gt;</c>, the app instead writes <c>host.json</c> and
    /// one <c>function.json</c> per function into <c>&lt;dir&gt;</c> and exits.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional settings (route prefix, executable path, bundle range).</param>
    /// <returns>The builder.</returns>
    public static FunctionAppBuilder UseAzureCustomHandler(this FunctionAppBuilder builder, Action<AzureCustomHandlerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new AzureCustomHandlerOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton<IFunctionHost>(new AzureCustomHandlerHost(options));
        // A factory: the writer exists only when --write-deploy-files asks for it.
        builder.Services.AddSingleton<IDeploymentWriter>(_ => new Deploy.AzureDeploymentWriter(options));
        // A factory too: the in-memory invoker (tests, tools) exists only when resolved.
        builder.Services.AddSingleton<INativeInvoker>(_ => new AspNetCore.HttpNativeInvoker("azure", app => AzureCustomHandlerServer.CreateRequestDelegate(app, options)));
        return builder;
    }
}
