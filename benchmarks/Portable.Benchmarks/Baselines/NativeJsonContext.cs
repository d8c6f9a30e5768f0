using System.Text.Json.Serialization;

namespace Portable.Benchmarks.Baselines;

/// <summary>Source-generated metadata for the native-payload POCOs (AWS uses camelCase, Azure PascalCase: matched case-insensitively).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(HttpApiV2Event))]
[JsonSerializable(typeof(AlbEvent))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(AzureHttpInvocation))]
internal sealed partial class NativeJsonContext : JsonSerializerContext;
