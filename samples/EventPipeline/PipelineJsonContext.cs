using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventPipeline;

/// <summary>Source-generated JSON metadata for the sample's types (no reflection, Native AOT clean).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderProcessed))]
public sealed partial class PipelineJsonContext : JsonSerializerContext;
