using MultiCloudShop;
using Microsoft.Extensions.Logging;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Azure;
using Portable.Functions.Gcp;
using Portable.Functions.Knative;
using Portable.Functions.Tests.Shared;

namespace MultiCloudShop.Tests;

/// <summary>
/// The committed deployment files under <c>samples/MultiCloudShop/deploy/</c> are what the app writes today,
/// for both layouts (regenerate them with <c>deploy/regenerate.sh</c>).
/// </summary>
public sealed class DeployLayoutTests
{
    private const string Project = "--Deploy:Container:Project=samples/MultiCloudShop/MultiCloudShop.csproj";

    /// <summary>Each layout's folder and the switches <c>regenerate.sh</c> passes for it.</summary>
    public static TheoryData<string, string[]> Layouts => new()
    {
        { "single", [Project] },
        { "split/aws", ["--Shop:Functions=orders", "--Deploy:Platforms=aws"] },
        { "split/gcp", ["--Shop:Functions=analytics", "--Deploy:Platforms=gcp", Project] },
        { "split/azure", ["--Shop:Functions=payments", "--Deploy:Platforms=azure"] },
    };

    private static string DeployRoot => Path.Combine(SharedFixtures.RepositoryRoot, "samples", "MultiCloudShop", "deploy");

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task CommittedLayout_IsWhatTheAppWrites(string layout, string[] switches)
    {
        var directory = Path.Combine(Path.GetTempPath(), "shop-deploy-" + Guid.NewGuid().ToString("N"));
        try
        {
            // As Program.cs registers the hosts; the app name is the executable's, which the test host is not.
            var builder = FunctionApp.CreateBuilder(["--write-deploy-files", directory, "--Deploy:AppName=MultiCloudShop", .. switches]);
            builder.Logging.ClearProviders();
            builder.UseAws();
            builder.UseAzureCustomHandler();
            builder.UseGcp();
            builder.UseKnative();
            await using (var app = ShopApp.Build(builder))
            {
                Assert.Equal(0, await app.RunAsync().WaitAsync(TimeSpan.FromSeconds(60)));
            }

            var committed = Path.Combine(DeployRoot, layout);
            Assert.Equal(List(committed), List(directory));
            foreach (var file in List(directory))
            {
                Assert.True(
                    File.ReadAllText(Path.Combine(committed, file)).ReplaceLineEndings("\n") == File.ReadAllText(Path.Combine(directory, file)),
                    $"deploy/{layout}/{file} differs from what the app writes: run samples/MultiCloudShop/deploy/regenerate.sh");
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

    [Theory]
    [MemberData(nameof(Layouts))]
    public void RegenerateScript_WritesTheLayout_WithTheSameSwitches(string layout, string[] switches)
    {
        var script = File.ReadAllLines(Path.Combine(DeployRoot, "regenerate.sh"));
        var line = Assert.Single(script, l => l.Contains($"--write-deploy-files \"$OUT/{layout}\"", StringComparison.Ordinal));
        var expected = switches.Select(s => s == Project ? "\"$PROJECT\"" : s);

        Assert.Equal(expected, line[(line.IndexOf($"\"$OUT/{layout}\"", StringComparison.Ordinal) + layout.Length + 8)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void SplitLayouts_PutEachGroupOnItsCloudOnly()
    {
        // The API's AWS stack has the HTTP API and no queues; analytics on Google, payments on Azure.
        var aws = File.ReadAllText(Path.Combine(DeployRoot, "split", "aws", "aws", "template.yaml"));
        Assert.Contains("Type: HttpApi", aws, StringComparison.Ordinal);
        Assert.DoesNotContain("Type: SQS", aws, StringComparison.Ordinal);
        Assert.Equal(["container/Dockerfile", "gcp/deploy.sh", "terraform/google.tf"], List(Path.Combine(DeployRoot, "split", "gcp")));
        Assert.Equal(["host.json", "payments/function.json"], List(Path.Combine(DeployRoot, "split", "azure", "azure")));
    }

    private static List<string> List(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
