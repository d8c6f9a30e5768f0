using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridGateway.Backend;

/// <summary>Source-generated JSON metadata of the inventory service (no reflection, Native AOT clean).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ReservationRequest))]
[JsonSerializable(typeof(Reservation))]
[JsonSerializable(typeof(StockLevel))]
public sealed partial class BackendJsonContext : JsonSerializerContext;
