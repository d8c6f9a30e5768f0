namespace Portable.Functions.Hosting;

/// <summary>
/// Writes one platform's deployment files (templates, manifests, scripts) from the app's registered
/// functions. An adapter's <c>builder.UseXxx()</c> registers its writer as a service factory; the core
/// runs every registered writer when the app is started with <c>--write-deploy-files &lt;dir&gt;</c>
/// and then exits, instead of selecting a host. Nothing of a writer runs otherwise (no cold-start cost).
/// </summary>
public interface IDeploymentWriter
{
    /// <summary>Platform name, for logs and error messages (e.g. <c>aws</c>).</summary>
    string Platform { get; }

    /// <summary>Writes the platform's files under <see cref="DeploymentSettings.OutputDirectory"/>.</summary>
    /// <param name="app">The app whose functions are described.</param>
    /// <param name="settings">The output directory and the <c>Deploy:</c> configuration section.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="InvalidOperationException">A function or setting cannot be expressed on the platform (the message names it).</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    IReadOnlyList<string> Write(FunctionApp app, DeploymentSettings settings);
}
