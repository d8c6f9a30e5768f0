using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp.Deploy;

/// <summary>
/// Writes <c>gcp/deploy.sh</c>, <c>terraform/google.tf</c> and <c>container/Dockerfile</c>. Registered by
/// <see cref="GcpFunctionAppBuilderExtensions.UseGcp"/>; runs only for <c>--write-deploy-files</c>.
/// </summary>
internal sealed class GcpDeploymentWriter : IDeploymentWriter
{
    public string Platform => "gcp";

    public IReadOnlyList<string> Write(FunctionApp app, DeploymentSettings settings)
    {
        var gcp = new GcpDeploySettings(app, settings);
        var script = settings.PathFor("gcp", "deploy.sh");
        DeployText.WriteFile(script, GcpDeployScript.Render(gcp));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        var terraform = settings.PathFor("terraform", "google.tf");
        DeployText.WriteFile(terraform, GcpTerraform.Render(gcp));
        return [script, terraform, NativeAotDockerfile.Write(settings)];
    }
}
