using HybridGateway.Backend;
using HybridGateway.Gateway;
using Microsoft.Extensions.Logging;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Knative;
using Portable.Functions.Tests.Shared;

namespace HybridGateway.Tests;

/// <summary>
/// The committed files under <c>samples/HybridGateway/deploy/</c> are what the two apps write today
/// (regenerate them with <c>deploy/regenerate.sh</c>): the gateway's Lambda stack, the backend's Knative
/// Service and the Dockerfile that builds its Native AOT image.
/// </summary>
public sealed class DeployFilesTests
{
    private static string DeployRoot => Path.Combine(SharedFixtures.RepositoryRoot, "samples", "HybridGateway", "deploy");

    [Fact]
    public Task GatewayFiles_AreWhatTheGatewayWrites() =>
        AssertCommittedAsync("gateway", ["--Deploy:AppName=Gateway", "--Deploy:Platforms=aws"], b => { b.UseAws(); b.UseKnative(); return GatewayApp.Build(b); });

    [Fact]
    public Task BackendFiles_AreWhatTheBackendWrites() =>
        AssertCommittedAsync("backend", ["--Deploy:AppName=Backend", "--Deploy:Container:Project=samples/HybridGateway/Backend/Backend.csproj"], b => { b.UseKnative(); return BackendApp.Build(b); });

    [Fact]
    public void RegenerateScript_PassesTheSameSwitches()
    {
        var script = File.ReadAllText(Path.Combine(DeployRoot, "regenerate.sh"));

        Assert.Contains("--write-deploy-files \"$OUT/gateway\" --Deploy:Platforms=aws\n", script, StringComparison.Ordinal);
        Assert.Contains("--write-deploy-files \"$OUT/backend\" --Deploy:Container:Project=samples/HybridGateway/Backend/Backend.csproj\n", script, StringComparison.Ordinal);
    }

    private static async Task AssertCommittedAsync(string folder, string[] switches, Func<FunctionAppBuilder, FunctionApp> build)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-deploy-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = FunctionApp.CreateBuilder(["--write-deploy-files", directory, .. switches]);
            builder.Logging.ClearProviders();
            await using (var app = build(builder))
            {
                Assert.Equal(0, await app.RunAsync().WaitAsync(TimeSpan.FromSeconds(60)));
            }

            var committed = Path.Combine(DeployRoot, folder);
            Assert.Equal(List(committed), List(directory));
            foreach (var file in List(directory))
            {
                Assert.True(
                    File.ReadAllText(Path.Combine(committed, file)).ReplaceLineEndings("\n") == File.ReadAllText(Path.Combine(directory, file)),
                    $"deploy/{folder}/{file} differs from what the app writes: run samples/HybridGateway/deploy/regenerate.sh");
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static List<string> List(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
