using System.Text.Json;
using System.Text.Json.Serialization;

namespace ManualLambdaLoop;

/// <summary>Source-generated JSON metadata (AOT-clean, camelCase as API Gateway uses).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
internal sealed partial class LoopJsonContext : JsonSerializerContext;
