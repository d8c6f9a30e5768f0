using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridGateway.Gateway;

/// <summary>Source-generated JSON metadata of the gateway (no reflection, Native AOT clean).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ReserveRequest))]
public sealed partial class GatewayJsonContext : JsonSerializerContext;
