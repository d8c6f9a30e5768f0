using System.Text.Json.Nodes;

namespace Portable.Functions.Deploy.Tests;

/// <summary>The generated <c>azure/host.json</c> and <c>azure/&lt;function&gt;/function.json</c>.</summary>
public sealed class AzureMetadataTests(GeneratedApps apps) : IClassFixture<GeneratedApps>
{
    private static JsonNode Read(string directory, params string[] path) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine([directory, "azure", .. path])))!;

    public static TheoryData<string> Apps => new() { "sample", "inventory" };

    private string Directory(string app) => app == "sample" ? apps.Sample : apps.Inventory;

    [SkippableTheory]
    [MemberData(nameof(Apps))]
    public void HostJson_ValidatesAgainstTheHostSchema(string app) =>
        Schemas.AssertValid(Schemas.AzureHost, Read(Directory(app), "host.json"), app + " host.json");

    [SkippableTheory]
    [MemberData(nameof(Apps))]
    public void EveryFunctionJson_ValidatesAgainstTheFunctionSchema(string app)
    {
        var folders = System.IO.Directory.GetDirectories(Path.Combine(Directory(app), "azure"));
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "function.json")));
            Schemas.AssertValid(Schemas.AzureFunction, json, $"{app} {Path.GetFileName(folder)}/function.json");
        }
    }

    [Fact]
    public void HttpTriggers_RequireAFunctionKeyByDefault()
    {
        var hello = Read(apps.Sample, "hello", "function.json")["bindings"]![0]!;
        Assert.Equal("httpTrigger", (string?)hello["type"]);
        Assert.Equal("function", (string?)hello["authLevel"]);
        Assert.Equal("HelloHttp", (string?)Read(apps.Sample, "host.json")["customHandler"]!["description"]!["defaultExecutablePath"]);
    }

    [Fact]
    public void AuthLevelSetting_MakesHttpTriggersAnonymous()
    {
        var item = Read(apps.Inventory, "get-item", "function.json")["bindings"]![0]!;
        Assert.Equal("anonymous", (string?)item["authLevel"]);
        Assert.Equal("items/{id}", (string?)item["route"]);
    }

    [Fact]
    public void EventFunctions_AreBoundToTheirTriggersOnly_NeverToAnHttpRoute()
    {
        var placed = Read(apps.Sample, "order-placed", "function.json")["bindings"]!.AsArray();
        Assert.Equal("eventGridTrigger", (string?)Assert.Single(placed)!["type"]);
        var restocked = Read(apps.Inventory, "restocked", "function.json")["bindings"]!.AsArray();
        Assert.Equal("queueTrigger", (string?)Assert.Single(restocked)!["type"]);
        Assert.DoesNotContain(placed.Concat(restocked), b => ((string?)b!["type"])!.StartsWith("http", StringComparison.Ordinal));
    }
}
