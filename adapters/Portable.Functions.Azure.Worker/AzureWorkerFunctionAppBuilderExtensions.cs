using Microsoft.Extensions.DependencyInjection;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure.Worker;

/// <summary>Registers the Azure Functions isolated worker host.</summary>
public static class AzureWorkerFunctionAppBuilderExtensions
{
    /// <summary>
    /// Runs the app as an Azure Functions isolated worker (<c>FUNCTIONS_WORKER_RUNTIME=dotnet-isolated</c>)
    /// when the Functions host starts it (it sets <c>FUNCTIONS_WORKER_DIRECTORY</c> and passes
    /// <c>--functions-uri</c>). Every registered function is reported to the host through worker
    /// indexing, with the trigger chosen by the <c>Azure*Trigger</c> helpers, and invoked through the
    /// portable pipeline; no <c>[Function]</c> methods are needed.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional settings.</param>
    /// <returns>The builder.</returns>
    public static FunctionAppBuilder UseAzureWorker(this FunctionAppBuilder builder, Action<AzureWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new AzureWorkerOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton<IFunctionHost>(new AzureWorkerHost(options, builder.Args));
        return builder;
    }
}
