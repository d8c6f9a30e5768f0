using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>Tolerant reads of event JSON: missing, <c>null</c> and wrongly-typed members all read as absent.</summary>
internal static class JsonElementExtensions
{
    /// <summary>A string member, or null.</summary>
    public static string? Json(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An object member, or null.</summary>
    public static JsonElement? Object(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>A number member, or null.</summary>
    public static double? Number(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>The member's JSON text as UTF-8 bytes (a copy: the document is disposed after the invoke).</summary>
    public static byte[] RawBytes(this JsonElement element) => JsonMarshal.GetRawUtf8Value(element).ToArray();

    /// <summary>A required string member; a 400 naming it when absent or empty.</summary>
    public static string Required(this JsonElement element, string name, string source) => Required(element.Json(name), name, source);

    /// <summary>A required string member already read; a 400 naming it when absent or empty.</summary>
    public static string Required(string? value, string name, string source) =>
        value is { Length: > 0 } ? value : throw FunctionProblemException.BadRequest($"The {source} record has no '{name}'.");

    /// <summary>Parses an ISO-8601 time; null when absent or unreadable (time is optional in CloudEvents).</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
