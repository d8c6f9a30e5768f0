using System.Text.Json.Nodes;

namespace Portable.Functions.Deploy.Tests;

/// <summary>The generated <c>terraform/*.tf</c>: parsed by HashiCorp's HCL parser, checked against the provider table.</summary>
public sealed class TerraformTests(GeneratedApps apps) : IClassFixture<GeneratedApps>
{
    public static TheoryData<string, string> Files => new()
    {
        { "sample", "aws.tf" }, { "sample", "google.tf" }, { "sample", "azure.tf" },
        { "inventory", "aws.tf" }, { "inventory", "google.tf" }, { "inventory", "azure.tf" },
    };

    private string Path(string app, string file) => System.IO.Path.Combine(app == "sample" ? apps.Sample : apps.Inventory, "terraform", file);

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void TerraformFile_Parses_AndEveryBlockHasTheProvidersRequiredArgumentsAndBlocks(string app, string file)
    {
        var parsed = Hcl2Json.Parse(Path(app, file));
        var problems = TerraformRules.Check(parsed);
        Assert.True(problems.Count == 0, $"{app} {file}:\n{string.Join('\n', problems)}");
        Assert.NotEmpty(parsed["resource"]!.AsObject());
    }

    [SkippableFact]
    public void AwsTerraform_HasARoutePerMethod_AndAMappingPerPolledSource()
    {
        var resources = Hcl2Json.Parse(Path("inventory", "aws.tf"))["resource"]!;
        var routes = resources["aws_apigatewayv2_route"]!.AsObject().Select(r => (string?)r.Value![0]!["route_key"]).Order(StringComparer.Ordinal);
        Assert.Equal(["ANY /admin/status", "DELETE /items/{id}", "GET /items/{id}", "POST /items", "PUT /items/{id}"], routes);
        var mappings = resources["aws_lambda_event_source_mapping"]!.AsObject();
        // image-uploaded (a Google event type) still gets the AWS default: an SQS queue of structured CloudEvents.
        Assert.Equal(["clicks", "image_uploaded", "item_inserted", "restocked"], mappings.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.All(mappings, m => Assert.Equal("ReportBatchItemFailures", (string?)m.Value![0]!["function_response_types"]![0]));
        Assert.Equal("dotnet10", (string?)resources["aws_lambda_function"]!["app"]![0]!["runtime"]);
        Assert.Equal("$default", (string?)Hcl2Json.Parse(Path("sample", "aws.tf"))["resource"]!["aws_apigatewayv2_route"]!["default"]![0]!["route_key"]);
    }

    [Fact]
    public void AwsTerraform_EachRuntime_NamesItsOwnPublishSettings()
    {
        Assert.Contains("-r linux-arm64 --self-contained false -p:PublishReadyToRun=true", File.ReadAllText(Path("inventory", "aws.tf")), StringComparison.Ordinal);
        Assert.DoesNotContain("PublishReadyToRun", File.ReadAllText(Path("sample", "aws.tf")), StringComparison.Ordinal);
        Assert.Contains("-r linux-x64 -p:PublishAot=true -p:IlcDehydrate=false -p:PositionIndependentExecutable=false", File.ReadAllText(Path("sample", "aws.tf")), StringComparison.Ordinal);
        Assert.DoesNotContain("PublishAot", File.ReadAllText(Path("inventory", "aws.tf")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void GoogleTerraform_HasAFunctionAndAServicePerFunction_AndTriggersForEvents()
    {
        var resources = Hcl2Json.Parse(Path("inventory", "google.tf"))["resource"]!;
        Assert.Equal(11, resources["google_cloudfunctions2_function"]!.AsObject().Count);
        Assert.Equal(11, resources["google_cloud_run_v2_service"]!.AsObject().Count);
        var triggers = resources["google_eventarc_trigger"]!.AsObject();
        Assert.Equal(7, triggers.Count);
        Assert.Equal(InventoryApp.ObjectFinalized, (string?)triggers["image_uploaded"]![0]!["matching_criteria"]![0]!["value"]);
        Assert.Equal("google.cloud.pubsub.topic.v1.messagePublished", (string?)triggers["restocked"]![0]!["matching_criteria"]![0]!["value"]);
        Assert.Equal("get-item", (string?)resources["google_cloudfunctions2_function"]!["get_item"]![0]!["build_config"]![0]!["entry_point"]);
    }

    [SkippableFact]
    public void AzureTerraform_IsAFlexConsumptionCustomHandler()
    {
        var resources = Hcl2Json.Parse(Path("sample", "azure.tf"))["resource"]!;
        var app = resources["azurerm_function_app_flex_consumption"]!["app"]![0]!;
        Assert.Equal("custom", (string?)app["runtime_name"]);
        Assert.Equal("FC1", (string?)resources["azurerm_service_plan"]!["app"]![0]!["sku_name"]);
    }
}
