using System.Text.Json;

namespace Portable.Functions.Gcp;

/// <summary>
/// A legacy GCF background event (the Functions Framework's optional <c>event</c> signature): the event
/// <see cref="Data"/> and its <see cref="Context"/> (<c>eventId</c>, <c>timestamp</c>, <c>eventType</c>,
/// <c>resource</c>). A legacy request reaches the function unchanged; a CloudEvent is converted back to
/// this form following the Functions Framework mapping.
/// </summary>
public sealed class LegacyEvent
{
    private LegacyEvent(byte[] json)
    {
        Json = json;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Data = root.GetProperty("data").Clone();
        Context = root.GetProperty("context").Clone();
    }

    /// <summary>The event data (any JSON value; <c>null</c> when the event had none).</summary>
    public JsonElement Data { get; }

    /// <summary>The context object: at least <c>eventId</c>, <c>eventType</c>, usually <c>timestamp</c> and <c>resource</c>.</summary>
    public JsonElement Context { get; }

    /// <summary>The event id.</summary>
    public string EventId => ContextString("eventId") ?? string.Empty;

    /// <summary>The legacy event type, e.g. <c>google.storage.object.finalize</c>.</summary>
    public string EventType => ContextString("eventType") ?? string.Empty;

    /// <summary>The RFC 3339 timestamp as sent, or <see langword="null"/>.</summary>
    public string? Timestamp => ContextString("timestamp");

    /// <summary>The resource: a string, or an object with <c>service</c>, <c>name</c> and <c>type</c>; <see cref="JsonValueKind.Undefined"/> when absent.</summary>
    public JsonElement Resource => Context.TryGetProperty("resource", out var resource) ? resource : default;

    /// <summary>The event as UTF-8 JSON <c>{"data": ..., "context": {...}}</c>.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>
    /// The legacy form of a CloudEvent: the original legacy request when the event was converted from one
    /// by this adapter, else the reverse mapping of its type, source and subject.
    /// </summary>
    /// <param name="cloudEvent">The event.</param>
    /// <returns>The legacy event.</returns>
    /// <exception cref="FunctionProblemException">400 when the event's data is not JSON.</exception>
    public static LegacyEvent FromCloudEvent(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return new LegacyEvent(GcpEventMapper.TryGetOrigin(cloudEvent, out var legacy) ? legacy : GcpLegacyEventMapper.ToLegacy(cloudEvent));
    }

    private string? ContextString(string name) =>
        Context.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
