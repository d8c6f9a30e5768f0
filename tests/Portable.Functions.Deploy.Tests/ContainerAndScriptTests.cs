using System.Diagnostics;

namespace Portable.Functions.Deploy.Tests;

/// <summary><c>container/Dockerfile</c> (parsed: no image can be built here) and <c>gcp/deploy.sh</c>.</summary>
public sealed class ContainerAndScriptTests(GeneratedApps apps) : IClassFixture<GeneratedApps>
{
    [Fact]
    public void Dockerfile_HasKnownInstructions_ExistingStages_Expose_NonRootUser_AndEntrypoint()
    {
        foreach (var directory in new[] { apps.Sample, apps.Inventory })
        {
            var text = File.ReadAllText(Path.Combine(directory, "container", "Dockerfile"));
            Assert.Empty(DockerfileParser.Problems(text));
            var instructions = DockerfileParser.Instructions(text);
            Assert.Equal(2, instructions.Count(i => i.Instruction == "FROM"));
            Assert.Contains(instructions, i => i.Instruction == "RUN" && i.Arguments.Contains("-p:PublishAot=true", StringComparison.Ordinal));
            Assert.Contains(instructions, i => i.Instruction == "ENV" && i.Arguments.Contains("PORT=8080", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void GcpScript_IsValidBash_AndDeploysEveryFunctionWithTriggersForEvents()
    {
        var script = Path.Combine(apps.Inventory, "gcp", "deploy.sh");
        using (var bash = Process.Start(new ProcessStartInfo("bash", ["-n", script]) { RedirectStandardError = true, UseShellExecute = false })!)
        {
            var error = bash.StandardError.ReadToEnd();
            Assert.True(bash.WaitForExit(30_000));
            Assert.True(bash.ExitCode == 0, error);
        }

        var text = File.ReadAllText(script);
        Assert.Contains("--function=\"$target\"", text, StringComparison.Ordinal);
        Assert.Contains("--image=\"$IMAGE\"", text, StringComparison.Ordinal);
        Assert.Contains("deploy get-item get-item --allow-unauthenticated", text, StringComparison.Ordinal);
        Assert.Contains("deploy restocked restocked --no-allow-unauthenticated", text, StringComparison.Ordinal);
        Assert.Equal(7, text.Split("gcloud eventarc triggers create").Length - 1);
        Assert.Contains("--event-filters=type=" + InventoryApp.ObjectFinalized, text, StringComparison.Ordinal);
        Assert.Contains("REGION=\"${REGION:-us-central1}\"", text, StringComparison.Ordinal);

        // The sample's HTTP functions stay private unless the user allows unauthenticated calls.
        Assert.Contains("deploy hello hello --no-allow-unauthenticated", File.ReadAllText(Path.Combine(apps.Sample, "gcp", "deploy.sh")), StringComparison.Ordinal);
    }
}
