using System.Text.Json.Serialization;

namespace Portable.Benchmarks;

/// <summary>Source-generated metadata for the baselines' POCOs (CloudEvents attribute names are lower-case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CloudEventEnvelope))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
