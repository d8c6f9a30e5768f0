using System.Diagnostics;
using HelloHttp;
using Portable.Functions.Aws;

namespace Portable.Functions.Deploy.Tests;

/// <summary>The <c>--write-deploy-files</c> switch itself: which files, which exit code, one clear line on failure.</summary>
public sealed class DeploySwitchTests
{
    private static readonly string[] SampleFiles =
    [
        "aws/template.yaml",
        "azure/hello/function.json",
        "azure/host.json",
        "azure/order-placed/function.json",
        "azure/orders/function.json",
        "container/Dockerfile",
        "gcp/deploy.sh",
        "knative/service.yaml",
        "knative/triggers.yaml",
        "openfaas/Dockerfile",
        "openfaas/stack.yml",
        "terraform/aws.tf",
        "terraform/azure.tf",
        "terraform/google.tf",
    ];

    [Fact]
    public async Task SampleApp_WritesEveryPlatformsFiles_AndExits0()
    {
        var (code, directory) = await DeployFiles.SampleAsync();
        try
        {
            Assert.Equal(0, code);
            Assert.Equal(SampleFiles, DeployFiles.List(directory));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public async Task LambdaOnlyRegistration_WritesOnlyAwsFiles()
    {
        // What `-p:PortableHost=aws` builds: only UseAws() is called, so only its writer is registered.
        var (code, directory) = await DeployFiles.GenerateAsync(["--Deploy:AppName=HelloHttp"], b => b.UseAws(), HelloHttpApp.Build);
        try
        {
            Assert.Equal(0, code);
            Assert.Equal(["aws/template.yaml", "terraform/aws.tf"], DeployFiles.List(directory));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public async Task PlatformsSetting_RunsOnlyTheNamedWriters()
    {
        // Every adapter registered, as the sample does; Deploy:Platforms picks the clouds of one layout.
        var (code, directory) = await DeployFiles.SampleAsync("--Deploy:Platforms=gcp, AZURE");
        try
        {
            Assert.Equal(0, code);
            Assert.Equal(
                ["azure/hello/function.json", "azure/host.json", "azure/order-placed/function.json", "azure/orders/function.json", "container/Dockerfile", "gcp/deploy.sh", "terraform/azure.tf", "terraform/google.tf"],
                DeployFiles.List(directory));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public async Task PlatformsSetting_NamingAnUnregisteredPlatform_Exits1_AndWritesNothing()
    {
        var (code, directory) = await DeployFiles.GenerateAsync(["--Deploy:AppName=HelloHttp", "--Deploy:Platforms=aws,gpc"], b => b.UseAws(), HelloHttpApp.Build);
        Assert.Equal(1, code);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task BadSetting_Exits1_AndWritesNothingForThatPlatform()
    {
        var (code, directory) = await DeployFiles.GenerateAsync(["--Deploy:AppName=HelloHttp", "--Deploy:Aws:MemorySize=lots"], b => b.UseAws(), HelloHttpApp.Build);
        Assert.Equal(1, code);
        Assert.False(File.Exists(Path.Combine(directory, "aws", "template.yaml")));
    }

    [Fact]
    public async Task SampleProcess_WritesTheFiles_AndExits0()
    {
        // The real executable, as `dotnet run -- --write-deploy-files <dir>` starts it: the app name
        // comes from the entry assembly (HelloHttp), no setting needed.
        var directory = Path.Combine(Path.GetTempPath(), "pf-deploy-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output) = await RunSampleAsync("--write-deploy-files", directory);
            Assert.True(code == 0, string.Join('\n', output));
            Assert.Equal(SampleFiles, DeployFiles.List(directory));
            Assert.Equal(
                File.ReadAllText(Path.Combine(Portable.Functions.Tests.Shared.SharedFixtures.RepositoryRoot, "samples", "HelloHttp", "template.yaml")).ReplaceLineEndings("\n"),
                File.ReadAllText(Path.Combine(directory, "aws", "template.yaml")));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, true);
            }
        }
    }

    [Fact]
    public async Task SampleProcess_WithABadSetting_Exits1_WithOneLineNamingTheKey()
    {
        var directory = Path.Combine(Path.GetTempPath(), "pf-deploy-" + Guid.NewGuid().ToString("N"));
        var (code, output) = await RunSampleAsync("--write-deploy-files", directory, "--Deploy:Knative:TimeoutSeconds=forever");
        Assert.Equal(1, code);
        var failure = Assert.Single(output, l => l.Contains(" crit ", StringComparison.Ordinal));
        Assert.Contains("Deploy:Knative:TimeoutSeconds must be a whole number from 1 to 3600, not 'forever'", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, true);
        }
    }

    private static async Task<(int Code, IReadOnlyList<string> Output)> RunSampleAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "HelloHttp.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var lines = ((await stdout) + (await stderr)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (process.ExitCode, lines);
    }
}
