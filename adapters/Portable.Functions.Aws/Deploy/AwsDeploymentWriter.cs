using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Deploy;

/// <summary>
/// Writes <c>aws/template.yaml</c> (SAM) and <c>terraform/aws.tf</c>. Registered by
/// <see cref="AwsFunctionAppBuilderExtensions.UseAws"/>; runs only for <c>--write-deploy-files</c>.
/// </summary>
internal sealed class AwsDeploymentWriter : IDeploymentWriter
{
    public string Platform => "aws";

    public IReadOnlyList<string> Write(FunctionApp app, DeploymentSettings settings)
    {
        var aws = new AwsDeploySettings(app, settings);
        var template = settings.PathFor("aws", "template.yaml");
        DeployText.WriteFile(template, SamTemplate.Render(aws));
        var terraform = settings.PathFor("terraform", "aws.tf");
        DeployText.WriteFile(terraform, AwsTerraform.Render(aws));
        return [template, terraform];
    }
}
