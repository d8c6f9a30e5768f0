using System.Text.Json.Serialization;

namespace Portable.Functions;

/// <summary>
/// Source-generated metadata for the pipeline's own payloads, plus the schema-less types every app may
/// use without a context of its own (<see cref="System.Text.Json.JsonElement"/>, <see cref="string"/>).
/// </summary>
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
[JsonSerializable(typeof(string))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
