using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Functions.Azure.Tests;

/// <summary>Source-generated JSON metadata for the test types.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TestOrder))]
[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
