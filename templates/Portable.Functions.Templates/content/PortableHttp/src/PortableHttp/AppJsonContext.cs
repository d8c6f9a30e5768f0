using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortableHttp;

/// <summary>
/// JSON metadata generated at compile time for every type a function reads or writes (camelCase on the
/// wire). A type missing here stops the app at start-up with a message naming it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(OrderReceipt))]
public sealed partial class AppJsonContext : JsonSerializerContext;
