using System.Text.Json.Nodes;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Deploy.Tests;

/// <summary>The generated SAM template (<c>aws/template.yaml</c>): schema-valid, and what it deploys.</summary>
public sealed class SamTemplateTests(GeneratedApps apps) : IClassFixture<GeneratedApps>
{
    private static JsonNode Template(string directory) => YamlToJson.Single(File.ReadAllText(Path.Combine(directory, "aws", "template.yaml")))!;

    [SkippableFact]
    public void SampleTemplate_ValidatesAgainstTheSamSchema() =>
        Schemas.AssertValid(Schemas.Sam, Template(apps.Sample), "HelloHttp aws/template.yaml");

    [SkippableFact]
    public void SecondAppTemplate_ValidatesAgainstTheSamSchema() =>
        Schemas.AssertValid(Schemas.Sam, Template(apps.Inventory), "Inventory aws/template.yaml");

    [Fact]
    public void SampleTemplate_IsTheCommittedSampleTemplate()
    {
        // samples/HelloHttp/template.yaml is this generated file; regenerate it with
        // `dotnet run --project samples/HelloHttp -- --write-deploy-files deploy` and copy deploy/aws/template.yaml.
        var committed = File.ReadAllText(Path.Combine(SharedFixtures.RepositoryRoot, "samples", "HelloHttp", "template.yaml"));
        var generated = File.ReadAllText(Path.Combine(apps.Sample, "aws", "template.yaml"));
        Assert.Equal(committed.ReplaceLineEndings("\n"), generated);
    }

    [Fact]
    public void SampleTemplate_IsNativeAot_WithCatchAllApi_AndSqsReportingBatchItemFailures()
    {
        var template = Template(apps.Sample);
        var function = template["Resources"]!["HelloHttpFunction"]!["Properties"]!;
        Assert.Equal("provided.al2023", (string?)function["Runtime"]);
        Assert.Equal("bootstrap", (string?)function["Handler"]);
        Assert.Equal(512, (long)function["MemorySize"]!);
        Assert.Equal("HttpApi", (string?)function["Events"]!["Api"]!["Type"]);
        Assert.Null(function["Events"]!["Api"]!["Properties"]);
        var sqs = function["Events"]!["OrderPlaced"]!;
        Assert.Equal("SQS", (string?)sqs["Type"]);
        Assert.Equal("ReportBatchItemFailures", (string?)sqs["Properties"]!["FunctionResponseTypes"]![0]);
        Assert.Equal("OrderPlacedQueue", (string?)sqs["Properties"]!["Queue"]!["Fn::GetAtt"]![0]);
        var redrive = template["Resources"]!["OrderPlacedQueue"]!["Properties"]!["RedrivePolicy"]!;
        Assert.Equal("OrderPlacedDeadLetterQueue", (string?)redrive["deadLetterTargetArn"]!["Fn::GetAtt"]![0]);
    }

    [Fact]
    public void SecondAppTemplate_HasOneEventPerRouteAndMethod_AndEverySourceKind()
    {
        var function = Template(apps.Inventory)["Resources"]!["InventoryApiFunction"]!["Properties"]!;
        Assert.Equal("dotnet10", (string?)function["Runtime"]);
        Assert.Equal("Inventory.Api", (string?)function["Handler"]);
        Assert.Equal("arm64", (string?)function["Architectures"]![0]);
        Assert.Equal(1024, (long)function["MemorySize"]!);
        var events = function["Events"]!.AsObject();
        var routes = events.Where(e => (string?)e.Value!["Type"] == "HttpApi")
            .Select(e => $"{e.Value!["Properties"]!["Method"]} {e.Value!["Properties"]!["Path"]}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["ANY /admin/status", "DELETE /items/{id}", "GET /items/{id}", "POST /items", "PUT /items/{id}"], routes);

        Assert.Equal("SQS", (string?)events["Restocked"]!["Type"]);
        Assert.Equal("SNS", (string?)events["Notified"]!["Type"]);
        Assert.Equal("EventBridgeRule", (string?)events["PriceChanged"]!["Type"]);
        Assert.Equal(InventoryApp.PriceChanged, (string?)events["PriceChanged"]!["Properties"]!["Pattern"]!["detail-type"]![0]);
        Assert.Equal("Kinesis", (string?)events["Clicks"]!["Type"]);
        Assert.True((bool)events["Clicks"]!["Properties"]!["BisectBatchOnFunctionError"]!);
        // Two functions read one DynamoDB stream: one mapping, or every record would arrive twice.
        Assert.Equal("DynamoDB", (string?)events["ItemInserted"]!["Type"]);
        Assert.False(events.ContainsKey("ItemModified"));
        Assert.Equal("InventoryApiAsyncDeadLetterQueue", (string?)function["DeadLetterQueue"]!["TargetArn"]!["Fn::GetAtt"]![0]);
    }

    [Fact]
    public void EachRuntimesTemplate_NamesItsOwnPublishSettingsForItsArchitecture()
    {
        var managed = File.ReadAllText(Path.Combine(apps.Inventory, "aws", "template.yaml"));
        Assert.Contains("dotnet publish -c Release -r linux-arm64 --self-contained false -p:PublishReadyToRun=true", managed, StringComparison.Ordinal);
        Assert.Contains("<PortableTelemetry>false</PortableTelemetry>", managed, StringComparison.Ordinal);
        var native = File.ReadAllText(Path.Combine(apps.Sample, "aws", "template.yaml"));
        Assert.DoesNotContain("PublishReadyToRun", native, StringComparison.Ordinal);
        Assert.Contains("dotnet publish -c Release -r linux-x64 -p:PublishAot=true -p:IlcDehydrate=false -p:PositionIndependentExecutable=false", native, StringComparison.Ordinal);
        Assert.DoesNotContain("PublishAot", managed, StringComparison.Ordinal);
    }
}
