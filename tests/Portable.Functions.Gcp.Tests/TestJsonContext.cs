using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portable.Functions.Gcp.Tests;

/// <summary>The conformance client's typed request: <c>{"message": "..."}</c>.</summary>
/// <param name="Message">The message.</param>
public sealed record TypedRequest(string Message);

/// <summary>The typed answer the conformance client checks: <c>{"payload": {"message": "..."}}</c>.</summary>
/// <param name="Payload">The echoed request.</param>
public sealed record TypedResponse(TypedRequest Payload);

/// <summary>Source-generated metadata for the test functions.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TypedRequest))]
[JsonSerializable(typeof(TypedResponse))]
[JsonSerializable(typeof(int))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
