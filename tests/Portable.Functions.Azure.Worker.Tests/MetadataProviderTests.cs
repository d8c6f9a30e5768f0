using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary>What the worker reports to the host during worker indexing.</summary>
public sealed class MetadataProviderTests
{
    [Fact]
    public async Task EveryPortableFunction_IsReported_WithBindingsAndAResolvableEntryPoint()
    {
        await using var test = new WorkerTestApp();
        IFunctionMetadataProvider provider = new PortableFunctionMetadataProvider(test.App);

        var metadata = await provider.GetFunctionMetadataAsync("/home/site/wwwroot");

        Assert.Equal(test.App.Functions.Select(f => f.Name), metadata.Select(m => m.Name));
        Assert.All(metadata, m =>
        {
            Assert.Equal("dotnet-isolated", m.Language);
            Assert.Equal("Portable.Functions.Azure.Worker.dll", m.ScriptFile);
            Assert.False(string.IsNullOrEmpty(m.FunctionId));
        });

        // The worker resolves entryPoint in scriptFile by reflection when it loads each function.
        var entry = metadata[0].EntryPoint!;
        var assembly = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, metadata[0].ScriptFile!));
        var method = assembly.GetType(entry[..entry.LastIndexOf('.')])!.GetMethod(entry[(entry.LastIndexOf('.') + 1)..]);
        Assert.Equal(["context", "input"], method!.GetParameters().Select(p => p.Name));
    }

    [Fact]
    public async Task HttpFunction_ReturnsHttpThroughReturn_AndQueueFunctionKeepsItsOutput()
    {
        await using var test = new WorkerTestApp();
        var metadata = await new PortableFunctionMetadataProvider(test.App).GetFunctionMetadataAsync(".");

        var http = metadata.Single(m => m.Name == "echo").RawBindings!.Select(b => JsonDocument.Parse(b).RootElement).ToList();
        Assert.Equal(("httpTrigger", "in", "req", "echo/{id}"), (Str(http[0], "type"), Str(http[0], "direction"), Str(http[0], "name"), Str(http[0], "route")));
        Assert.Equal(["post", "head"], http[0].GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(("http", "out", "$return"), (Str(http[1], "type"), Str(http[1], "direction"), Str(http[1], "name")));

        var queue = metadata.Single(m => m.Name == "queue").RawBindings!.Select(b => JsonDocument.Parse(b).RootElement).ToList();
        Assert.Equal(("queueTrigger", "input", "orders"), (Str(queue[0], "type"), Str(queue[0], "name"), Str(queue[0], "queueName")));
        Assert.Equal(("queue", "$return", "replies"), (Str(queue[1], "type"), Str(queue[1], "name"), Str(queue[1], "queueName")));
    }

    private static string? Str(JsonElement element, string name) => element.GetProperty(name).GetString();
}
