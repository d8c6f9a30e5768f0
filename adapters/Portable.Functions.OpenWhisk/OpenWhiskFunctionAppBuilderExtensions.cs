using Microsoft.Extensions.DependencyInjection;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenWhisk;

/// <summary>Registers the Apache OpenWhisk action runtime host.</summary>
public static class OpenWhiskFunctionAppBuilderExtensions
{
    /// <summary>
    /// Serves the app as an OpenWhisk Docker/native action when the invoker started the container
    /// (<c>__OW_API_HOST</c> is set) or <see cref="OpenWhiskOptions.Enabled"/> is true; otherwise another host
    /// runs the app. The runtime listens on 8080 for <c>POST /init</c> (once; a second one is refused with 403)
    /// and <c>POST /run</c>; web actions reach HTTP functions, other activations the target function (see
    /// <see cref="OpenWhiskOptions.Function"/>) or, for a CloudEvent, the function registered for its type.
    /// Each activation's <c>deadline</c> is the invocation deadline and its <c>activation_id</c> the invocation id;
    /// failures answer <c>{"error": problem}</c> with the problem's status. An unknown
    /// <see cref="OpenWhiskOptions.Function"/> fails start-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional settings.</param>
    /// <returns>The builder.</returns>
    public static FunctionAppBuilder UseOpenWhisk(this FunctionAppBuilder builder, Action<OpenWhiskOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new OpenWhiskOptions();
        configure?.Invoke(options);
        var host = new OpenWhiskHost(options);
        builder.Services.AddSingleton<IFunctionHost>(host);

        // A factory: the in-memory invoker (tests, tools) exists only when resolved.
        builder.Services.AddSingleton<INativeInvoker>(_ => new AspNetCore.HttpNativeInvoker("openwhisk", host.CreateRequestDelegate));
        return builder;
    }
}
