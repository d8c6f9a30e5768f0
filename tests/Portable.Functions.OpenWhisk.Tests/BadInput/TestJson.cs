using System.Text.Json.Serialization;

namespace Portable.Functions.OpenWhisk.Tests.BadInput;

/// <summary>Source-generated JSON for the corpus's string escaping.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class TestJson : JsonSerializerContext;
