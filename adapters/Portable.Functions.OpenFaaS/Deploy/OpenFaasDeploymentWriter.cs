using System.Text;
using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenFaaS.Deploy;

/// <summary>
/// Writes <c>openfaas/stack.yml</c> (one function behind of-watchdog in <c>mode=http</c>, the environment
/// the adapter detects and reads) and <c>openfaas/Dockerfile</c> (the watchdog as the entrypoint, the
/// Native AOT app as <c>fprocess</c>). Registered by <see cref="OpenFaasFunctionAppBuilderExtensions.UseOpenFaaS"/>;
/// runs only for <c>--write-deploy-files</c>.
/// </summary>
internal sealed class OpenFaasDeploymentWriter : IDeploymentWriter
{
    public string Platform => "openfaas";

    public IReadOnlyList<string> Write(FunctionApp app, DeploymentSettings settings)
    {
        var name = settings.GetString("OpenFaaS:Name", DeployText.Kebab(settings.AppName));
        var image = settings.GetString("Image", $"registry.example.com/{DeployText.Kebab(settings.AppName)}:latest");
        var gateway = settings.GetString("OpenFaaS:Gateway", "http://127.0.0.1:8080");
        var upstreamPort = settings.GetInt32("OpenFaaS:UpstreamPort", 5000, 1, 65535);
        var execTimeout = settings.GetInt32("OpenFaaS:ExecTimeoutSeconds", 30, 1, 3600);

        // The watchdog waits write_timeout for an answer and, after SIGTERM, healthcheck_interval before
        // it stops forwarding: write_timeout a little above exec_timeout lets the app's own 504 through.
        var writeTimeout = settings.GetInt32("OpenFaaS:WriteTimeoutSeconds", execTimeout + 5, 1, 3600);
        var healthcheck = settings.GetInt32("OpenFaaS:HealthcheckIntervalSeconds", 2, 1, 60);

        var stack = new StringBuilder();
        stack.Append("# OpenFaaS stack of ").Append(settings.AppName).Append(" (written by --write-deploy-files). faas-cli up -f stack.yml\n");
        stack.Append("version: 1.0\nprovider:\n  name: openfaas\n");
        stack.Append("  gateway: ").Append(DeployText.Yaml(gateway)).Append('\n');
        stack.Append("functions:\n");
        stack.Append("  ").Append(name).Append(":\n");
        stack.Append("    lang: dockerfile\n    handler: .\n");
        stack.Append("    image: ").Append(DeployText.Yaml(image)).Append('\n');
        stack.Append("    environment:\n");
        stack.Append("      mode: http\n");
        stack.Append("      fprocess: ").Append(DeployText.Yaml("/app/" + settings.AppName)).Append('\n');
        stack.Append("      upstream_url: ").Append(DeployText.Yaml($"http://127.0.0.1:{DeployText.Number(upstreamPort)}")).Append('\n');
        stack.Append("      exec_timeout: ").Append(DeployText.Number(execTimeout)).Append("s\n");
        stack.Append("      write_timeout: ").Append(DeployText.Number(writeTimeout)).Append("s\n");
        stack.Append("      healthcheck_interval: ").Append(DeployText.Number(healthcheck)).Append("s\n");
        stack.Append("      ready_path: /health/ready\n");
        var stackPath = settings.PathFor("openfaas", "stack.yml");
        DeployText.WriteFile(stackPath, stack.ToString());

        var project = settings.GetString("Container:Project", ".");
        var dockerfile = new StringBuilder();
        dockerfile.Append("# OpenFaaS image of ").Append(settings.AppName).Append(" (written by --write-deploy-files): of-watchdog forks the\n");
        dockerfile.Append("# Native AOT app (fprocess) and forwards each request to it (mode=http, upstream_url).\n");
        dockerfile.Append("FROM ghcr.io/openfaas/of-watchdog:0.9.11 AS watchdog\n");
        dockerfile.Append("FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build\n");
        dockerfile.Append("RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*\n");
        dockerfile.Append("WORKDIR /src\nCOPY . .\n");
        dockerfile.Append("RUN dotnet publish ").Append(project).Append(" -c Release -r linux-x64 -p:PublishAot=true -o /out\n");
        dockerfile.Append("FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled\n");
        dockerfile.Append("COPY --from=watchdog /fwatchdog /usr/bin/fwatchdog\n");
        dockerfile.Append("COPY --from=build /out/ /app/\n");
        dockerfile.Append("USER 1654\nEXPOSE 8080\n");
        dockerfile.Append("ENTRYPOINT [\"/usr/bin/fwatchdog\"]\n");
        var dockerfilePath = settings.PathFor("openfaas", "Dockerfile");
        DeployText.WriteFile(dockerfilePath, dockerfile.ToString());
        return [stackPath, dockerfilePath];
    }
}
