using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Deploy.Tests;

/// <summary>
/// The platforms' own schemas from <c>../shared/fixtures</c>, each loaded once per run. JsonSchema.Net
/// evaluates draft 6 and later: the SAM and function.json schemas declare draft-04, whose keywords
/// they use (type, properties, required, enum, $ref to definitions, additionalProperties) mean the same
/// in draft-07, so they are read as draft-07. Knative CRDs carry OpenAPI v3 schemas (a JSON Schema
/// subset plus x-kubernetes-* annotations, which are ignored as unknown keywords).
/// </summary>
internal static class Schemas
{
    private static readonly Lazy<JsonSchema> s_sam = new(() => Load("sam-schema", "sam.schema.json"));
    private static readonly Lazy<JsonSchema> s_host = new(() => Load("azure-schemas", "host.schema.json"));
    private static readonly Lazy<JsonSchema> s_function = new(() => Load("azure-schemas", "function.schema.json"));
    private static readonly Lazy<Dictionary<string, JsonSchema>> s_knative = new(LoadKnative);

    /// <summary>The SAM template schema; skips the test when the fixtures are absent.</summary>
    public static JsonSchema Sam => Require("sam-schema", s_sam);

    public static JsonSchema AzureHost => Require("azure-schemas", s_host);

    public static JsonSchema AzureFunction => Require("azure-schemas", s_function);

    /// <summary>The openAPIV3Schema of <c>apiVersion/kind</c>, e.g. <c>serving.knative.dev/v1/Service</c>.</summary>
    public static JsonSchema Knative(string apiVersion, string kind)
    {
        SharedFixtures.RequireFolder("knative-crds");
        return s_knative.Value.TryGetValue($"{apiVersion}/{kind}", out var schema)
            ? schema
            : throw new InvalidOperationException($"No CRD schema for {apiVersion} {kind}.");
    }

    /// <summary>The validation errors of <paramref name="instance"/>, as "location: message" lines; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonSchema schema, JsonNode? instance)
    {
        using var document = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid (no detail)"];
    }

    public static void AssertValid(JsonSchema schema, JsonNode? instance, string what)
    {
        var errors = Errors(schema, instance);
        Assert.True(errors.Count == 0, $"{what} does not validate:\n{string.Join('\n', errors.Take(20))}");
    }

    private static JsonSchema Require(string folder, Lazy<JsonSchema> schema)
    {
        SharedFixtures.RequireFolder(folder);
        return schema.Value;
    }

    private static JsonSchema Load(string folder, string file)
    {
        var path = Path.Combine(SharedFixtures.RequireFolder(folder), file);
        var node = JsonNode.Parse(SharedFixtures.ReadWithoutBom(path))!.AsObject();
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        return Build(node, new Uri("https://portable-functions.test/" + folder + "/" + file));
    }

    private static Dictionary<string, JsonSchema> LoadKnative()
    {
        var folder = SharedFixtures.RequireFolder("knative-crds");
        var result = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.crd.yaml"))
        {
            var crd = YamlToJson.Documents(File.ReadAllText(file)).Single(d => d?["kind"]?.GetValue<string>() == "CustomResourceDefinition")!;
            var group = crd["spec"]!["group"]!.GetValue<string>();
            var kind = crd["spec"]!["names"]!["kind"]!.GetValue<string>();
            foreach (var version in crd["spec"]!["versions"]!.AsArray())
            {
                var schema = version!["schema"]!["openAPIV3Schema"]!.DeepClone().AsObject();
                var name = $"{group}/{version["name"]!.GetValue<string>()}/{kind}";
                result[name] = Build(schema, new Uri("https://portable-functions.test/knative/" + name.Replace('/', '-')), OpenApi.Value);
            }
        }

        return result;
    }

    // Draft-07 keywords, plus OpenAPI's and Kubernetes' own (nullable, x-kubernetes-*) accepted as annotations.
    private static readonly Lazy<Dialect> OpenApi = new(() =>
        Dialect.Draft07.With([], new Uri("https://portable-functions.test/dialect/openapi-v3"), refIgnoresSiblingKeywords: null, allowUnknownKeywords: true));

    private static JsonSchema Build(JsonObject node, Uri baseUri, Dialect? dialect = null)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        if (dialect is not null)
        {
            options.Dialect = dialect;
        }

        return JsonSchema.Build(document.RootElement.Clone(), options, baseUri);
    }
}
