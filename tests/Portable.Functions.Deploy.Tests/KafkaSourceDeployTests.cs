using System.Text.Json.Nodes;
using EventPipeline;
using Portable.Functions.Aws;
using Portable.Functions.Azure;
using Portable.Functions.Knative;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Deploy.Tests;

/// <summary>
/// Kafka as an event source in the generated files: SAM <c>MSK</c> / <c>SelfManagedKafka</c> events
/// (checked against the SAM schema), the Terraform event source mapping (checked against the provider
/// table), the Knative <c>KafkaSource</c> (no KafkaSource CRD among the shared fixtures; its shape follows
/// https://knative.dev/docs/eventing/sources/kafka-source/), and the Azure <c>kafkaTrigger</c>; and the
/// EventPipeline sample's committed files are the generated ones.
/// </summary>
public sealed class KafkaSourceDeployTests
{
    private static readonly string Committed = Path.Combine(SharedFixtures.RepositoryRoot, "samples", "EventPipeline", "deploy");

    private static Task<(int Code, string Directory)> GenerateAsync(params string[] settings) =>
        DeployFiles.GenerateAsync(settings, b =>
        {
            EventPipelineApp.AddDeploySettings(b);
            b.UseAws();
            b.UseAzureCustomHandler();
            b.UseKnative();
        }, EventPipelineApp.Build);

    [Fact]
    public async Task EventPipelineDeployFiles_AreTheCommittedOnes()
    {
        // Regenerate with `dotnet run --project samples/EventPipeline -- --write-deploy-files samples/EventPipeline/deploy`.
        var (code, directory) = await GenerateAsync();
        try
        {
            Assert.Equal(0, code);
            Assert.Equal(DeployFiles.List(Committed), DeployFiles.List(directory));
            foreach (var file in DeployFiles.List(directory))
            {
                Assert.True(
                    File.ReadAllText(Path.Combine(Committed, file)) == File.ReadAllText(Path.Combine(directory, file)),
                    $"samples/EventPipeline/deploy/{file} differs from the generated file; regenerate it.");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [SkippableFact]
    public async Task MskSource_IsAValidSamMskEvent_AndAnEventSourceMapping()
    {
        var (code, directory) = await GenerateAsync();
        try
        {
            Assert.Equal(0, code);
            var template = YamlToJson.Single(File.ReadAllText(Path.Combine(directory, "aws", "template.yaml")))!;
            Schemas.AssertValid(Schemas.Sam, template, "EventPipeline aws/template.yaml");
            var properties = template["Resources"]!["EventPipelineFunction"]!["Properties"]!["Events"]!["ProcessOrder"]!;
            Assert.Equal("MSK", (string?)properties["Type"]);
            Assert.Equal("orders", (string?)properties["Properties"]!["Topics"]![0]);
            Assert.Equal("TRIM_HORIZON", (string?)properties["Properties"]!["StartingPosition"]);

            var terraform = Hcl2Json.Parse(Path.Combine(directory, "terraform", "aws.tf"));
            Assert.Empty(TerraformRules.Check(terraform));
            var mapping = terraform["resource"]!["aws_lambda_event_source_mapping"]!["process_order"]![0]!;
            Assert.StartsWith("arn:aws:kafka:", (string?)mapping["event_source_arn"], StringComparison.Ordinal);
            Assert.Contains(terraform["resource"]!["aws_iam_role_policy_attachment"]!.AsObject(), p => p.Key == "msk");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [SkippableFact]
    public async Task SelfManagedKafkaSource_IsAValidSamEvent_WithServersAndSecret()
    {
        var (code, directory) = await GenerateAsync(
            "--Deploy:Aws:Events:process-order:Source=kafka",
            "--Deploy:Aws:Events:process-order:BootstrapServers=b-1.example.com:9092, b-2.example.com:9092",
            "--Deploy:Aws:Events:process-order:SecretArn=arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka");
        try
        {
            Assert.Equal(0, code);
            var template = YamlToJson.Single(File.ReadAllText(Path.Combine(directory, "aws", "template.yaml")))!;
            Schemas.AssertValid(Schemas.Sam, template, "self-managed Kafka aws/template.yaml");
            var properties = template["Resources"]!["EventPipelineFunction"]!["Properties"]!["Events"]!["ProcessOrder"]!;
            Assert.Equal("SelfManagedKafka", (string?)properties["Type"]);
            Assert.Equal(["b-1.example.com:9092", "b-2.example.com:9092"], properties["Properties"]!["KafkaBootstrapServers"]!.AsArray().Select(s => (string?)s));

            var terraform = Hcl2Json.Parse(Path.Combine(directory, "terraform", "aws.tf"));
            Assert.Empty(TerraformRules.Check(terraform));
            var mapping = terraform["resource"]!["aws_lambda_event_source_mapping"]!["process_order"]![0]!;
            Assert.Equal("SASL_SCRAM_512_AUTH", (string?)mapping["source_access_configuration"]![0]!["type"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task KafkaSourceWithoutTopic_FailsWithTheSettingToSet()
    {
        var (code, directory) = await GenerateAsync("--Deploy:Aws:Events:process-order:Topic=");
        try
        {
            Assert.NotEqual(0, code);
            Assert.False(File.Exists(Path.Combine(directory, "aws", "template.yaml")));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task KnativeKafkaSource_SinksIntoTheBroker_AndTheTriggerFiltersTheType()
    {
        var (code, directory) = await GenerateAsync();
        try
        {
            Assert.Equal(0, code);
            var source = YamlToJson.Single(File.ReadAllText(Path.Combine(directory, "knative", "kafkasources.yaml")))!;
            Assert.Equal("KafkaSource", (string?)source["kind"]);
            Assert.Equal("orders", (string?)source["spec"]!["topics"]![0]);
            Assert.Equal("Broker", (string?)source["spec"]!["sink"]!["ref"]!["kind"]);
            var trigger = YamlToJson.Single(File.ReadAllText(Path.Combine(directory, "knative", "triggers.yaml")))!;
            Assert.Equal(EventPipelineApp.OrderPlacedType, (string?)trigger["spec"]!["filter"]!["attributes"]!["type"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [SkippableFact]
    public async Task AzureKafkaTrigger_FunctionJson_ValidatesAgainstTheSchema()
    {
        var (code, directory) = await GenerateAsync();
        try
        {
            Assert.Equal(0, code);
            var functionJson = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "azure", "process-order", "function.json")));
            Schemas.AssertValid(Schemas.AzureFunction, functionJson, "process-order/function.json");
            Assert.Equal(AzureTriggerTypes.Kafka, (string?)functionJson!["bindings"]![0]!["type"]);
            Assert.Equal(-1, (int?)functionJson["retry"]!["maxRetryCount"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
