using System.Text.Json.Nodes;

namespace Portable.Functions.Deploy.Tests;

/// <summary>The generated <c>knative/service.yaml</c> and <c>knative/triggers.yaml</c> against the CRD schemas.</summary>
public sealed class KnativeManifestTests(GeneratedApps apps) : IClassFixture<GeneratedApps>
{
    private static JsonNode Service(string directory) => YamlToJson.Single(File.ReadAllText(Path.Combine(directory, "knative", "service.yaml")))!;

    private static IReadOnlyList<JsonNode> Triggers(string directory) =>
        YamlToJson.Documents(File.ReadAllText(Path.Combine(directory, "knative", "triggers.yaml"))).Where(d => d is not null).ToList()!;

    [SkippableFact]
    public void Services_ValidateAgainstTheServiceCrd()
    {
        var schema = Schemas.Knative("serving.knative.dev/v1", "Service");
        Schemas.AssertValid(schema, Service(apps.Sample), "HelloHttp knative/service.yaml");
        Schemas.AssertValid(schema, Service(apps.Inventory), "Inventory knative/service.yaml");
    }

    [SkippableFact]
    public void Triggers_ValidateAgainstTheTriggerCrd()
    {
        var schema = Schemas.Knative("eventing.knative.dev/v1", "Trigger");
        foreach (var trigger in Triggers(apps.Sample).Concat(Triggers(apps.Inventory)))
        {
            Assert.Equal("Trigger", (string?)trigger["kind"]);
            Schemas.AssertValid(schema, trigger, "trigger " + trigger["metadata"]!["name"]);
        }
    }

    [Fact]
    public void Triggers_OnePerEventType_FilterOnTypeAndSubscribeTheService()
    {
        var triggers = Triggers(apps.Inventory);
        Assert.Equal(7, triggers.Count);
        Assert.All(triggers, t =>
        {
            Assert.Equal("inventory", (string?)t["spec"]!["broker"]);
            Assert.Equal("inventory-api", (string?)t["spec"]!["subscriber"]!["ref"]!["name"]);
            Assert.Equal("Service", (string?)t["spec"]!["subscriber"]!["ref"]!["kind"]);
        });
        Assert.Contains(triggers, t => (string?)t["spec"]!["filter"]!["attributes"]!["type"] == InventoryApp.Restocked);
        var sample = Assert.Single(Triggers(apps.Sample));
        Assert.Equal("com.example.order.placed", (string?)sample["spec"]!["filter"]!["attributes"]!["type"]);
        Assert.Equal("default", (string?)sample["spec"]!["broker"]);
    }

    [Fact]
    public void Service_ProbesTheHealthPaths_AndNamesItsPortH2cWhenConfigured()
    {
        var sample = Service(apps.Sample)["spec"]!["template"]!["spec"]!;
        var container = sample["containers"]![0]!;
        Assert.Equal("/health/readiness", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/health/liveness", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("http1", (string?)container["ports"]![0]!["name"]);

        var inventory = Service(apps.Inventory)["spec"]!["template"]!;
        Assert.Equal("h2c", (string?)inventory["spec"]!["containers"]![0]!["ports"]![0]!["name"]);
        Assert.Equal(50, (long)inventory["spec"]!["containerConcurrency"]!);
        Assert.Equal("1", (string?)inventory["metadata"]!["annotations"]!["autoscaling.knative.dev/min-scale"]);
        Assert.Equal("256Mi", (string?)inventory["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"]);
    }
}
