using System.Text.Json.Serialization;

namespace Portable.Functions.Aws.Tests;

/// <summary>Source-generated JSON for the tests' own payloads.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Probe))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>A typed function's input/output in tests.</summary>
/// <param name="Value">A value.</param>
internal sealed record Probe(string Value);
