using HelloHttp;
using Microsoft.Extensions.Logging;
using Portable.Functions.Aws;
using Portable.Functions.Azure;
using Portable.Functions.Gcp;
using Portable.Functions.Knative;
using Portable.Functions.OpenFaaS;

namespace Portable.Functions.Deploy.Tests;

/// <summary>Runs an app with <c>--write-deploy-files</c> (the real switch, through <c>RunAsync</c>) into a fresh folder.</summary>
internal static class DeployFiles
{
    /// <summary>The sample app with all four hosts, as <c>samples/HelloHttp/Program.cs</c> registers them.</summary>
    public static Task<(int Code, string Directory)> SampleAsync(params string[] settings) =>
        GenerateAsync(["--Deploy:AppName=HelloHttp", .. settings], UseAll, HelloHttpApp.Build);

    /// <summary>The second app (<see cref="InventoryApp"/>) with its non-default settings.</summary>
    public static Task<(int Code, string Directory)> InventoryAsync() =>
        GenerateAsync(InventoryApp.Settings, b => { b.AddJsonContext(TestJsonContext.Default); UseAll(b); }, InventoryApp.Build);

    public static async Task<(int Code, string Directory)> GenerateAsync(string[] settings, Action<FunctionAppBuilder> hosts, Func<FunctionAppBuilder, FunctionApp> build)
    {
        var directory = Path.Combine(Path.GetTempPath(), "pf-deploy-" + Guid.NewGuid().ToString("N"));
        var builder = FunctionApp.CreateBuilder(["--write-deploy-files", directory, .. settings]);
        builder.Logging.ClearProviders();
        hosts(builder);
        await using var app = build(builder);
        var code = await app.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (code, directory);
    }

    public static void UseAll(FunctionAppBuilder builder)
    {
        builder.UseAws();
        builder.UseAzureCustomHandler();
        builder.UseGcp();
        builder.UseOpenFaaS();
        builder.UseKnative();
    }

    /// <summary>Every file below <paramref name="directory"/>, relative, '/'-separated, sorted.</summary>
    public static IReadOnlyList<string> List(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}

/// <summary>The files of both apps, generated once per test class.</summary>
public sealed class GeneratedApps : IAsyncLifetime
{
    public string Sample { get; private set; } = "";

    public string Inventory { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var (sampleCode, sample) = await DeployFiles.SampleAsync();
        var (inventoryCode, inventory) = await DeployFiles.InventoryAsync();
        Assert.Equal(0, sampleCode);
        Assert.Equal(0, inventoryCode);
        Sample = sample;
        Inventory = inventory;
    }

    public Task DisposeAsync()
    {
        foreach (var directory in new[] { Sample, Inventory })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return Task.CompletedTask;
    }
}
