using System.Text.Json.Serialization;

namespace Portable.Functions.Aws.Tests;

/// <summary>Source-generated JSON for the tests' own payloads (JSON string literals in fixtures).</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
