using System.Text.Json;
using System.Text.Json.Serialization;
using MultiCloudShop.Analytics;
using MultiCloudShop.Orders;
using MultiCloudShop.Payments;

namespace MultiCloudShop;

/// <summary>
/// Source-generated JSON metadata for every type the shop reads or writes (no reflection, Native AOT
/// clean). Web defaults (camelCase); a missing required property or a <c>null</c> where the type says
/// non-null is a 400 from the pipeline, before any handler runs, so handlers only check business rules.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PlaceOrder))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderCancelled))]
[JsonSerializable(typeof(PaymentRequested))]
[JsonSerializable(typeof(PaymentCaptured))]
[JsonSerializable(typeof(PubSubPush))]
public sealed partial class ShopJsonContext : JsonSerializerContext;
