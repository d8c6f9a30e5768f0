using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>Small helpers of the payload builders: JSON nodes to bytes (no reflection), headers, ids.</summary>
internal static class NativeJson
{
    private static int s_counter;

    public static byte[] Bytes(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses caller-supplied JSON text into a node, with a clear error naming the argument.</summary>
    public static JsonNode? Parse(string json, string argument)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"'{argument}' is not JSON: {exception.Message}", argument, exception);
        }
    }

    public static string NextId(string prefix) => $"{prefix}-{Interlocked.Increment(ref s_counter)}";

    public static HeaderCollection Headers(params (string Name, string Value)[] headers)
    {
        var collection = new HeaderCollection();
        foreach (var (name, value) in headers)
        {
            collection.Add(name, value);
        }

        return collection;
    }

    public static byte[] Utf8(string? text) => text is null ? [] : Encoding.UTF8.GetBytes(text);

    public static (string Path, string Query) SplitPath(string pathAndQuery)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        return (path.StartsWith('/') ? path : "/" + path, question < 0 ? string.Empty : pathAndQuery[(question + 1)..]);
    }
}
