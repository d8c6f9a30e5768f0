using System.Text.Json.Serialization;
using Portable.Functions.OpenWhisk.Protocol;

namespace Portable.Functions.OpenWhisk;

/// <summary>
/// Source-generated metadata for the action protocol's envelopes (no reflection, AOT-clean). Names are
/// camelCase (<c>value</c>, <c>name</c>, ...) or given explicitly where the protocol uses snake_case.
/// Comments and trailing commas are refused: the invoker never sends them.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(InitRequest))]
[JsonSerializable(typeof(RunRequest))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class OpenWhiskJsonContext : JsonSerializerContext;
