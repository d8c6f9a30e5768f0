using System.Text.Json.Serialization;

namespace Portable.Functions.Aws;

/// <summary>
/// Source-generated metadata for every Lambda shape the adapter reads or writes (no reflection, AOT-clean).
/// Property names are camelCase as in the AWS payloads; nulls are omitted on output because API
/// Gateway treats a <c>null</c> header map differently from an absent one.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(AwsError))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(StreamingPrelude))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
