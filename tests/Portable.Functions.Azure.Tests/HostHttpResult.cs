using System.Globalization;
using System.Text.Json;

namespace Portable.Functions.Azure.Tests;

/// <summary>
/// Reads a handler's response the way the Functions host does (contract section 1.5, host
/// <c>HttpScriptInvocationResultExtensions</c> and <c>HttpBinding</c>): the named HTTP output must be an
/// object (or the JSON text of one); keys are case-insensitive; <c>statusCode</c> is a number or a
/// numeric string, 200 when missing; header values must be single strings; a string body is written
/// as-is, a JSON body as its text. Anything else is reported as the failure the host would raise.
/// </summary>
internal sealed class HostHttpResult
{
    public int StatusCode { get; private init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Body { get; private init; }

    public List<string> Logs { get; } = [];

    public static HostHttpResult Read(JsonElement result, string outputName = "res")
    {
        Assert.Equal(JsonValueKind.Object, result.ValueKind);
        var logs = new List<string>();
        if (Find(result, "Logs") is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var line in array.EnumerateArray())
            {
                Assert.Equal(JsonValueKind.String, line.ValueKind);
                logs.Add(line.GetString()!);
            }
        }

        var outputs = Find(result, "Outputs");
        Assert.True(outputs is { ValueKind: JsonValueKind.Object }, "the host finds no Outputs object, so no HTTP response");
        var output = Find(outputs!.Value, outputName);
        Assert.True(output is not null, $"the host finds no '{outputName}' output");
        var value = output!.Value;
        if (value.ValueKind == JsonValueKind.String)
        {
            using var parsed = JsonDocument.Parse(value.GetString()!);
            value = parsed.RootElement.Clone();
        }

        Assert.True(value.ValueKind == JsonValueKind.Object, "Failed while trying to Deserialize to httpOutputBindingResponse");
        var status = 200;
        if (Find(value, "statusCode") is { } code)
        {
            status = code.ValueKind == JsonValueKind.Number
                ? code.GetInt32()
                : int.Parse(code.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var body = Find(value, "body") is { } b
            ? b.ValueKind == JsonValueKind.String ? b.GetString() : b.GetRawText()
            : null;
        var read = new HostHttpResult { StatusCode = status, Body = body };
        read.Logs.AddRange(logs);
        if (Find(value, "headers") is { ValueKind: JsonValueKind.Object } headers)
        {
            foreach (var header in headers.EnumerateObject())
            {
                Assert.True(header.Value.ValueKind == JsonValueKind.String, $"header {header.Name} is not a single string; the host would write its JSON text");
                read.Headers[header.Name] = header.Value.GetString()!;
            }
        }

        return read;
    }

    private static JsonElement? Find(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }
}
