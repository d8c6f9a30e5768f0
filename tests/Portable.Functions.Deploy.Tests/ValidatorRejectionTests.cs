using System.Text.Json.Nodes;

namespace Portable.Functions.Deploy.Tests;

/// <summary>Each validator rejects a broken file (a wrong type, a missing required field), so the checks cannot pass vacuously.</summary>
public sealed class ValidatorRejectionTests(GeneratedApps apps) : IClassFixture<GeneratedApps>
{
    [SkippableFact]
    public void SamSchema_RejectsAWrongType_AndAMissingRequiredField()
    {
        var yaml = File.ReadAllText(Path.Combine(apps.Sample, "aws", "template.yaml"));
        var wrongType = YamlToJson.Single(yaml)!;
        // Most scalar properties pass through to CloudFormation unchecked; the event map's shape is SAM's own.
        wrongType["Resources"]!["HelloHttpFunction"]!["Properties"]!["Events"] = "Api";
        Assert.NotEmpty(Schemas.Errors(Schemas.Sam, wrongType));

        var missing = YamlToJson.Single(yaml)!;
        missing["Resources"]!["HelloHttpFunction"]!["Properties"]!["Events"]!["OrderPlaced"]!["Properties"]!.AsObject().Remove("Queue");
        Assert.NotEmpty(Schemas.Errors(Schemas.Sam, missing));
        Assert.Empty(Schemas.Errors(Schemas.Sam, YamlToJson.Single(yaml)));
    }

    [SkippableFact]
    public void AzureSchemas_RejectAWrongType_AndAMissingRequiredField()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(apps.Sample, "azure", "host.json")))!;
        host["version"] = 2;
        Assert.NotEmpty(Schemas.Errors(Schemas.AzureHost, host));

        var function = JsonNode.Parse(File.ReadAllText(Path.Combine(apps.Sample, "azure", "hello", "function.json")))!;
        function["bindings"]![0]!.AsObject().Remove("direction");
        Assert.NotEmpty(Schemas.Errors(Schemas.AzureFunction, function));
        var wrong = JsonNode.Parse(File.ReadAllText(Path.Combine(apps.Sample, "azure", "hello", "function.json")))!;
        wrong["bindings"] = "httpTrigger";
        Assert.NotEmpty(Schemas.Errors(Schemas.AzureFunction, wrong));
    }

    [SkippableFact]
    public void KnativeCrdSchemas_RejectAWrongType_AndAMissingRequiredField()
    {
        var schema = Schemas.Knative("serving.knative.dev/v1", "Service");
        var yaml = File.ReadAllText(Path.Combine(apps.Sample, "knative", "service.yaml"));
        var wrongType = YamlToJson.Single(yaml)!;
        wrongType["spec"]!["template"]!["spec"]!["containerConcurrency"] = "many";
        Assert.NotEmpty(Schemas.Errors(schema, wrongType));

        var missing = YamlToJson.Single(yaml)!;
        missing["spec"]!["template"]!["spec"]!.AsObject().Remove("containers");
        Assert.NotEmpty(Schemas.Errors(schema, missing));

        var trigger = YamlToJson.Documents(File.ReadAllText(Path.Combine(apps.Sample, "knative", "triggers.yaml"))).First(d => d is not null)!;
        trigger["spec"]!["filter"]!["attributes"] = new JsonArray("type");
        Assert.NotEmpty(Schemas.Errors(Schemas.Knative("eventing.knative.dev/v1", "Trigger"), trigger));
    }

    [SkippableFact]
    public void TerraformChecks_RejectASyntaxError_AMissingArgument_AndAnArgumentForABlock()
    {
        var broken = Path.Combine(Path.GetTempPath(), "pf-tf-" + Guid.NewGuid().ToString("N") + ".tf");
        try
        {
            File.WriteAllText(broken, "resource \"aws_lambda_function\" \"app\" {\n  role = \n}\n");
            Hcl2Json.Parse(Path.Combine(apps.Sample, "terraform", "aws.tf")); // skips when the parser is absent
            Assert.NotEqual(0, Hcl2Json.Run(broken).Code);

            var aws = Hcl2Json.Parse(Path.Combine(apps.Sample, "terraform", "aws.tf"));
            aws["resource"]!["aws_lambda_function"]!["app"]![0]!.AsObject().Remove("function_name");
            Assert.Contains(TerraformRules.Check(aws), p => p.Contains("missing required argument function_name", StringComparison.Ordinal));

            var azure = Hcl2Json.Parse(Path.Combine(apps.Sample, "terraform", "azure.tf"));
            azure["resource"]!["azurerm_function_app_flex_consumption"]!["app"]![0]!["site_config"] = new JsonObject();
            Assert.Contains(TerraformRules.Check(azure), p => p.Contains("site_config must be a block", StringComparison.Ordinal));

            var google = Hcl2Json.Parse(Path.Combine(apps.Sample, "terraform", "google.tf"));
            google["resource"]!["google_eventarc_trigger"]!["order_placed"]![0]!.AsObject().Remove("destination");
            Assert.Contains(TerraformRules.Check(google), p => p.Contains("missing required block destination", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void DockerfileCheck_RejectsUnknownInstructions_MissingStages_AndRootUser()
    {
        var good = File.ReadAllText(Path.Combine(apps.Sample, "container", "Dockerfile"));
        Assert.Contains("unknown instruction COPYY", DockerfileParser.Problems(good.Replace("COPY . .", "COPYY . .", StringComparison.Ordinal)));
        Assert.Contains(DockerfileParser.Problems(good.Replace("--from=build", "--from=builder", StringComparison.Ordinal)), p => p.Contains("no earlier stage named builder", StringComparison.Ordinal));
        Assert.Contains("the final stage does not switch to a non-root USER", DockerfileParser.Problems(good.Replace("USER 1654", "USER root", StringComparison.Ordinal)));
        Assert.Contains("the final stage has no EXPOSE <port>", DockerfileParser.Problems(good.Replace("EXPOSE", "# EXPOSE", StringComparison.Ordinal)));
    }
}
