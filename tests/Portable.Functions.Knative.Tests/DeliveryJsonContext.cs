using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Functions.Knative.Tests;

/// <summary>Source-generated metadata for the delivery tests' event data types.</summary>
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
