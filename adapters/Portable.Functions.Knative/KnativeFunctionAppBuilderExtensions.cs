using Microsoft.Extensions.DependencyInjection;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative;

/// <summary>Registers the Kestrel host (Knative and local development).</summary>
public static class KnativeFunctionAppBuilderExtensions
{
    /// <summary>
    /// Serves the app with Kestrel when no other platform is detected: on Knative/Cloud Run (<c>K_SERVICE</c>)
    /// and locally (<c>dotnet run</c> → http://localhost:8080).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional settings.</param>
    /// <returns>The builder.</returns>
    public static FunctionAppBuilder UseKnative(this FunctionAppBuilder builder, Action<KnativeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new KnativeOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton<IFunctionHost>(new KnativeHost(options));
        // A factory: the writer exists only when --write-deploy-files asks for it.
        builder.Services.AddSingleton<IDeploymentWriter>(_ => new Deploy.KnativeDeploymentWriter(options));
        // A factory too: the in-memory invoker (tests, tools) exists only when resolved.
        builder.Services.AddSingleton<INativeInvoker>(_ => new AspNetCore.HttpNativeInvoker("knative", app => KnativeServer.CreateRequestDelegate(app, options)));
        return builder;
    }
}
