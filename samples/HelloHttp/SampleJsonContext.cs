using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelloHttp;

/// <summary>Source-generated JSON metadata for the sample's types (no reflection, AOT-clean).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(OrderReceipt))]
[JsonSerializable(typeof(OrderPlaced))]
public sealed partial class SampleJsonContext : JsonSerializerContext;
