namespace Portable.Functions.Hosting;

/// <summary>
/// A platform host: something that receives native invocations and feeds them to the app's
/// <see cref="FunctionInvoker"/> (Kestrel for Knative, the Lambda Runtime API loop, ...). Adapters
/// register theirs with a <c>builder.UseXxx()</c> call; <see cref="FunctionApp.RunAsync"/> picks one.
/// </summary>
public interface IFunctionHost
{
    /// <summary>Platform name, for logs.</summary>
    string Name { get; }

    /// <summary>
    /// True for the host used when no other host recognises its environment (the local/Knative server).
    /// </summary>
    bool IsFallback { get; }

    /// <summary>Tells whether the environment is this host's platform (e.g. <c>AWS_LAMBDA_RUNTIME_API</c> is set).</summary>
    /// <param name="app">The app, with its configuration.</param>
    /// <returns>Whether this host should run the app.</returns>
    bool IsActive(FunctionApp app);

    /// <summary>Runs the app until the platform stops it or <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="app">The app.</param>
    /// <param name="cancellationToken">Stops the host.</param>
    /// <returns>A task that completes when the host has stopped.</returns>
    Task RunAsync(FunctionApp app, CancellationToken cancellationToken);
}
