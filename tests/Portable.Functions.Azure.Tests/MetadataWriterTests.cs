using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Azure.Tests;

/// <summary>The generated <c>host.json</c> and <c>function.json</c> files, field by field.</summary>
public sealed class MetadataWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pf-azure-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void HostJson_HasCustomHandler_BundleRange_AndRoutePrefix()
    {
        var options = new AzureCustomHandlerOptions { ExecutablePath = "HelloHttp", RoutePrefix = "", FunctionTimeout = TimeSpan.FromMinutes(10) };
        using var host = JsonDocument.Parse(AzureMetadataWriter.HostJson(options));
        var root = host.RootElement;

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.Equal("00:10:00", root.GetProperty("functionTimeout").GetString());
        var description = root.GetProperty("customHandler").GetProperty("description");
        Assert.Equal("HelloHttp", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(0, description.GetProperty("arguments").GetArrayLength());
        Assert.False(root.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", root.GetProperty("extensionBundle").GetProperty("id").GetString());
        Assert.Equal("[4.*, 5.0.0)", root.GetProperty("extensionBundle").GetProperty("version").GetString());
        Assert.Equal("", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void HostJson_UnderDotnetHost_StartsTheEntryAssemblyWithDotnet()
    {
        // Tests run under `dotnet testhost.dll`, so the default command is dotnet + the entry assembly.
        using var host = JsonDocument.Parse(AzureMetadataWriter.HostJson(new AzureCustomHandlerOptions()));
        var description = host.RootElement.GetProperty("customHandler").GetProperty("description");
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.EndsWith(".dll", Assert.Single(description.GetProperty("arguments").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpFunction_GetsHttpTrigger_AndNamedResOutput()
    {
        await using var app = BuildApp();
        var function = app.Functions.Single(f => f.Name == "GetItem");
        using var json = JsonDocument.Parse(AzureMetadataWriter.FunctionJson(function.AzureAuthLevel("function")));
        var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().ToList();

        Assert.Equal(2, bindings.Count);
        AssertFields(bindings[0], ("type", "httpTrigger"), ("direction", "in"), ("name", "req"), ("authLevel", "function"), ("route", "items/{id}"));
        Assert.Equal(["get"], bindings[0].GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        AssertFields(bindings[1], ("type", "http"), ("direction", "out"), ("name", "res"));
    }

    [Fact]
    public async Task QueueFunction_GetsQueueTrigger_AndReturnOutput()
    {
        await using var app = BuildApp();
        using var json = JsonDocument.Parse(AzureMetadataWriter.FunctionJson(app.Functions.Single(f => f.Name == "QueueTrigger")));
        var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().ToList();

        Assert.Equal(2, bindings.Count);
        AssertFields(bindings[0], ("type", "queueTrigger"), ("direction", "in"), ("name", "input"), ("queueName", "messages-incoming"), ("connection", "AzureWebJobsStorage"));
        AssertFields(bindings[1], ("type", "queue"), ("direction", "out"), ("name", "$return"), ("queueName", "messages-outgoing"), ("connection", "AzureWebJobsStorage"));
    }

    [Fact]
    public async Task TriggerProperties_AreWrittenWithJsonTypes()
    {
        await using var app = BuildApp();
        var timer = app.Functions.Single(f => f.Name == "TimerTrigger");
        using var timerJson = JsonDocument.Parse(AzureMetadataWriter.FunctionJson(timer));
        var trigger = Assert.Single(timerJson.RootElement.GetProperty("bindings").EnumerateArray());
        AssertFields(trigger, ("type", "timerTrigger"), ("name", "input"), ("schedule", "0 */5 * * * *"));
        Assert.True(trigger.GetProperty("runOnStartup").GetBoolean());

        using var blobJson = JsonDocument.Parse(AzureMetadataWriter.FunctionJson(app.Functions.Single(f => f.Name == "BlobTrigger")));
        AssertFields(blobJson.RootElement.GetProperty("bindings")[0], ("type", "blobTrigger"), ("name", "input"), ("path", "inbox/{name}"), ("dataType", "binary"));

        using var hubJson = JsonDocument.Parse(AzureMetadataWriter.FunctionJson(app.Functions.Single(f => f.Name == "hub")));
        AssertFields(hubJson.RootElement.GetProperty("bindings")[0], ("type", "eventHubTrigger"), ("name", "input"), ("eventHubName", "telemetry"), ("cardinality", "many"), ("consumerGroup", "$Default"));
    }

    [Fact]
    public async Task EventFunctionWithoutTrigger_GetsPostHttpTriggerNamedAfterIt()
    {
        await using var app = BuildApp();
        using var json = JsonDocument.Parse(AzureMetadataWriter.FunctionJson(app.Functions.Single(f => f.Name == "order-placed")));
        var trigger = json.RootElement.GetProperty("bindings")[0];
        AssertFields(trigger, ("type", "httpTrigger"), ("route", "order-placed"), ("authLevel", "anonymous"));
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task RootRoute_IsRejectedWithAClearMessage()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(TestJsonContext.Default);
        await using var app = builder.Build();
        var root = app.MapGet("/", (r, c) => Task.FromResult(FunctionResponse.Text("x")));
        var error = Assert.Throws<InvalidOperationException>(() => AzureMetadataWriter.FunctionJson(root));
        Assert.Contains("cannot express", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawHttpFunction_CannotTakeAQueueTrigger()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(TestJsonContext.Default);
        await using var app = builder.Build();
        var raw = app.MapGet("/x", (r, c) => Task.FromResult(FunctionResponse.Text("x")));
        Assert.Throws<ArgumentException>(() => raw.AzureQueueTrigger("q"));
    }

    [Fact]
    public async Task WriteSwitch_WritesHostJsonAndOneFolderPerFunction_ThenExits()
    {
        var builder = FunctionApp.CreateBuilder(["--write-azure-metadata", _directory]);
        builder.Logging.ClearProviders();
        builder.AddJsonContext(TestJsonContext.Default);
        builder.UseAzureCustomHandler(o => o.ExecutablePath = "app");
        await using var app = builder.Build();
        TestHandler.MapFixtureFunctions(app, null!);

        await app.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(File.Exists(Path.Combine(_directory, "host.json")));
        var folders = Directory.GetDirectories(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(app.Functions.Select(f => f.Name).Order(StringComparer.Ordinal), folders);
        Assert.All(app.Functions, f => Assert.True(File.Exists(Path.Combine(_directory, f.Name, "function.json"))));
    }

    [SkippableFact]
    public async Task GeneratedQueueFunction_HasTheDocsSampleShape()
    {
        // The docs' MyQueueFunction (queue trigger + $return queue) is the shape we generate.
        var root = SharedFixtures.RequireFolder("azure/payloads/azure-docs");
        using var docs = JsonDocument.Parse(SharedFixtures.ReadWithoutBom(Path.Combine(root, "queue.function.json")));
        await using var app = BuildApp();
        using var ours = JsonDocument.Parse(AzureMetadataWriter.FunctionJson(app.Functions.Single(f => f.Name == "QueueTrigger")));

        var expected = docs.RootElement.GetProperty("bindings").EnumerateArray().Select(b => (Type: b.GetProperty("type").GetString(), Dir: b.GetProperty("direction").GetString())).ToList();
        var actual = ours.RootElement.GetProperty("bindings").EnumerateArray().Select(b => (Type: b.GetProperty("type").GetString(), Dir: b.GetProperty("direction").GetString())).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal("$return", ours.RootElement.GetProperty("bindings")[1].GetProperty("name").GetString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static FunctionApp BuildApp()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(TestJsonContext.Default);
        var app = builder.Build();
        TestHandler.MapFixtureFunctions(app, null!);
        app.Functions.Single(f => f.Name == "TimerTrigger").AzureTimerTrigger("0 */5 * * * *", runOnStartup: true);
        app.MapCloudEvent(AzureEventTypes.EventHubEvent, (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("hub").AzureEventHubTrigger("telemetry");
        app.MapCloudEvent("com.example.order.placed", (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("order-placed");
        return app;
    }

    private static void AssertFields(JsonElement binding, params (string Name, string Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            Assert.Equal(value, binding.GetProperty(name).GetString());
        }
    }
}
