using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortableEvents;

/// <summary>
/// JSON metadata generated at compile time for every event's data (camelCase on the wire). A type
/// missing here stops the app at start-up with a message naming it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPlaced))]
public sealed partial class AppJsonContext : JsonSerializerContext;
