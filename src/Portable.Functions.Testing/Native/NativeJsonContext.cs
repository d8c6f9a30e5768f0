using System.Text.Json.Serialization;

namespace Portable.Functions.Testing;

/// <summary>Source-generated metadata for the few values the builders serialise directly.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class NativeJsonContext : JsonSerializerContext;
