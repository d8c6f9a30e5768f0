using System.Text.Json.Serialization;

namespace Portable.Functions;

/// <summary>Source-generated metadata for the pipeline's own payloads.</summary>
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
