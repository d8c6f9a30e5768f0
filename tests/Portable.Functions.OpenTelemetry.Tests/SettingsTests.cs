using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenTelemetry.Tests;

/// <summary>What <c>UseOpenTelemetry</c> builds from the <c>OTEL_*</c> variables, and the platform resource.</summary>
public sealed class SettingsTests
{
    [Fact]
    public void NoOtelVariable_RegistersNothing()
    {
        var builder = FunctionApp.CreateBuilder();
        var before = builder.Services.Count;

        builder.UseOpenTelemetry();

        Assert.Equal(before, builder.Services.Count);
    }

    [Theory]
    [InlineData("OTEL_TRACES_EXPORTER", "console")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")]
    public void AnExporterAsked_RegistersTheFlushHook(string name, string value)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [name] = value });

        builder.UseOpenTelemetry();

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(IFlushBeforeFreeze));
    }

    [Fact]
    public void SdkDisabled_WinsOverExporters()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_TRACES_EXPORTER"] = "console", ["OTEL_SDK_DISABLED"] = "true" });
        var before = builder.Services.Count;

        builder.UseOpenTelemetry();

        Assert.Equal(before, builder.Services.Count);
    }

    [Fact]
    public void UnknownExporter_FailsNamingTheVariable()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_METRICS_EXPORTER"] = "prometheus" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.UseOpenTelemetry());

        Assert.Contains("OTEL_METRICS_EXPORTER", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LambdaEnvironment_GivesTheFaasAndCloudResource()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = "orders",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/12/01/[$LATEST]abc",
            ["AWS_REGION"] = "eu-west-1",
        }).Build();

        var (attributes, service) = PlatformResource.Detect(configuration);
        var map = attributes.ToDictionary(a => a.Key, a => a.Value);

        Assert.Equal("orders", service);
        Assert.Equal("aws", map["cloud.provider"]);
        Assert.Equal("aws_lambda", map["cloud.platform"]);
        Assert.Equal("eu-west-1", map["cloud.region"]);
        Assert.Equal("orders", map["faas.name"]);
        Assert.Equal("$LATEST", map["faas.version"]);
        Assert.Equal("2026/12/01/[$LATEST]abc", map["faas.instance"]);
        Assert.Equal(512L * 1024 * 1024, map["faas.max_memory"]);
    }

    [Fact]
    public void AzureAndCloudRunEnvironments_GiveTheirProviderAndAccount()
    {
        var azure = PlatformResource.Detect(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WEBSITE_SITE_NAME"] = "my-app",
            ["WEBSITE_OWNER_NAME"] = "0000-sub+rg-westeuropewebspace",
            ["REGION_NAME"] = "West Europe",
        }).Build());
        var gcf = PlatformResource.Detect(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["K_SERVICE"] = "hello",
            ["K_REVISION"] = "hello-00002",
            ["FUNCTION_TARGET"] = "hello",
            ["GOOGLE_CLOUD_PROJECT"] = "proj",
        }).Build());

        Assert.Equal("my-app", azure.ServiceName);
        Assert.Contains(new KeyValuePair<string, object>("cloud.account.id", "0000-sub"), azure.Attributes);
        Assert.Contains(new KeyValuePair<string, object>("cloud.region", "West Europe"), azure.Attributes);
        Assert.Equal("hello", gcf.ServiceName);
        Assert.Contains(new KeyValuePair<string, object>("cloud.provider", "gcp"), gcf.Attributes);
        Assert.Contains(new KeyValuePair<string, object>("cloud.account.id", "proj"), gcf.Attributes);
        Assert.Contains(new KeyValuePair<string, object>("faas.version", "hello-00002"), gcf.Attributes);
    }

    [Fact]
    public void ResourceAttributesVariable_IsParsedAndPercentDecoded()
    {
        var parsed = PlatformResource.ParseResourceAttributes("deployment.environment=prod, team=a%2Cb,broken");

        Assert.Equal([new("deployment.environment", "prod"), new("team", "a,b")], parsed);
    }
}
