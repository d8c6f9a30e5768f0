using System.Text.Json;

namespace Portable.Functions.Azure;

/// <summary>
/// Decodes values of the host's invocation payload. The host (Newtonsoft, in
/// <c>ScriptInvocationContextExtensions</c>) turns every non-object <c>Data</c>/<c>Metadata</c> value
/// into the JSON <em>text</em> of that value, embedded as a string: the message <c>hello</c> arrives as
/// <c>"\"hello\""</c>, the number 1 as <c>"1"</c>, a string array as one string holding a JSON array.
/// Objects arrive as objects. These helpers undo that once, and tolerate unquoted values too (the
/// documentation's idealised samples). Shared by the custom handler and the isolated worker, which
/// rebuilds the same shape from the worker's binding data.
/// </summary>
public static class AzurePayload
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 64 };

    /// <summary>The value as text: a quoted string is unquoted once, other JSON gives its raw text.</summary>
    /// <param name="value">A payload value.</param>
    /// <returns>The text, or <see langword="null"/> for an absent or null value.</returns>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => Unquote(value.GetString()!),
        _ => value.GetRawText(),
    };

    /// <summary>
    /// The value as JSON: objects and arrays as they are; a string holding JSON text parsed from it.
    /// Returns <see langword="false"/> for a string that is not JSON.
    /// </summary>
    /// <param name="value">A payload value.</param>
    /// <param name="json">The JSON value, when found.</param>
    /// <returns>Whether the value is (or holds) JSON.</returns>
    public static bool TryJson(JsonElement value, out JsonElement json)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            json = value;
            return value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);
        }

        if (!TryParse(value.GetString()!, out json))
        {
            return false;
        }

        // "Maybe JSON twice": a string whose content is itself the JSON text of a value.
        if (json.ValueKind == JsonValueKind.String && TryParse(json.GetString()!, out var inner))
        {
            json = inner;
        }

        return true;
    }

    /// <summary>Parses <paramref name="text"/> as JSON (a detached copy, at most 64 levels deep), or returns <see langword="false"/>; never throws for bad JSON.</summary>
    /// <param name="text">The text.</param>
    /// <param name="json">The parsed value.</param>
    /// <returns>Whether the text is JSON.</returns>
    public static bool TryParse(string text, out JsonElement json)
    {
        json = default;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty || !LooksLikeJson(span[0]))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text, s_options);
            json = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Finds a property by exact name, else ignoring case (host versions differ in casing).</summary>
    /// <param name="obj">A JSON value; anything but an object finds nothing.</param>
    /// <param name="name">The property name.</param>
    /// <param name="value">The property's value.</param>
    /// <returns>Whether the property exists.</returns>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (obj.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    /// <summary>A property as text (see <see cref="Text"/>), or <see langword="null"/>.</summary>
    /// <param name="obj">A JSON object.</param>
    /// <param name="name">The property name (exact, else ignoring case).</param>
    /// <returns>The text.</returns>
    public static string? GetText(JsonElement obj, string name) => TryGet(obj, name, out var value) ? Text(value) : null;

    private static string Unquote(string text) =>
        text.Length >= 2 && text[0] == '"' && TryParse(text, out var inner) && inner.ValueKind == JsonValueKind.String ? inner.GetString()! : text;

    private static bool LooksLikeJson(char first) => first is '"' or '{' or '[' or '-' or 't' or 'f' or 'n' or (>= '0' and <= '9');
}
