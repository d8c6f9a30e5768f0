using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure.Deploy;

/// <summary>
/// Writes <c>azure/host.json</c>, <c>azure/&lt;function&gt;/function.json</c> (the custom handler's
/// metadata, as <c>--write-azure-metadata</c> writes it) and <c>terraform/azure.tf</c> (Flex Consumption).
/// Registered by <see cref="AzureFunctionAppBuilderExtensions.UseAzureCustomHandler"/>; runs only for
/// <c>--write-deploy-files</c>.
/// </summary>
internal sealed class AzureDeploymentWriter(AzureCustomHandlerOptions options) : IDeploymentWriter
{
    public string Platform => "azure";

    public IReadOnlyList<string> Write(FunctionApp app, DeploymentSettings settings)
    {
        var metadata = new AzureCustomHandlerOptions
        {
            RoutePrefix = settings.GetString("Azure:RoutePrefix", options.RoutePrefix),

            // The deployed executable is the app's native (or apphost) binary, whatever runs the writer.
            ExecutablePath = options.ExecutablePath ?? settings.AppName,
            EnableProxying = settings.GetBoolean("Azure:EnableProxying", options.EnableProxying),
            ExtensionBundleVersion = settings.GetString("Azure:ExtensionBundleVersion", options.ExtensionBundleVersion),
            DefaultAuthLevel = settings.GetChoice("Azure:AuthLevel", options.DefaultAuthLevel, "function", "anonymous", "admin"),
        };
        var timeout = settings.GetInt32("Azure:FunctionTimeoutSeconds", (int)(options.FunctionTimeout?.TotalSeconds ?? 0), 0, 86400);
        if (timeout > 0)
        {
            metadata.FunctionTimeout = TimeSpan.FromSeconds(timeout);
        }

        var written = AzureMetadataWriter.Write(app, Path.Combine(settings.OutputDirectory, "azure"), metadata).ToList();
        var terraform = settings.PathFor("terraform", "azure.tf");
        DeployText.WriteFile(terraform, AzureTerraform.Render(app, settings));
        written.Add(terraform);
        return written;
    }
}
