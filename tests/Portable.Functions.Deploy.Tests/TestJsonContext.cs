using System.Text.Json.Serialization;

namespace Portable.Functions.Deploy.Tests;

[JsonSerializable(typeof(Item))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
