using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Portable.Functions.Deploy.Tests;

/// <summary>
/// YAML documents as JSON nodes, for schema validation. Plain scalars are typed as YAML 1.2's core
/// schema reads them (int, float, bool, null); quoted ones stay strings. CloudFormation's short-form
/// tags are rewritten to their long form first, as the SAM schema's SOURCE.md asks:
/// <c>!Ref x</c> → <c>{"Ref": "x"}</c>, <c>!GetAtt a.b</c> → <c>{"Fn::GetAtt": ["a", "b"]}</c>,
/// <c>!Sub s</c> → <c>{"Fn::Sub": "s"}</c>. Any other tag fails the conversion.
/// </summary>
internal static class YamlToJson
{
    public static IReadOnlyList<JsonNode?> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => Convert(d.RootNode)).ToList();
    }

    public static JsonNode? Single(string yaml) => Assert.Single(Documents(yaml));

    private static JsonNode? Convert(YamlNode node)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        var value = node switch
        {
            YamlMappingNode map => Map(map),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
            YamlScalarNode scalar => Scalar(scalar),
            _ => throw new InvalidOperationException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
        };
        return tag switch
        {
            null or "tag:yaml.org,2002:str" => value,
            "!Ref" => new JsonObject { ["Ref"] = value },
            "!Sub" => new JsonObject { ["Fn::Sub"] = value },
            "!GetAtt" when value is JsonValue text && text.GetValue<string>().Split('.', 2) is [var resource, var attribute] =>
                new JsonObject { ["Fn::GetAtt"] = new JsonArray(resource, attribute) },
            _ => throw new InvalidOperationException($"Unsupported YAML tag {tag} at {node.Start}."),
        };
    }

    private static JsonObject Map(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (result.ContainsKey(name))
            {
                throw new InvalidOperationException($"Duplicate key '{name}' at {key.Start}.");
            }

            result[name] = Convert(value);
        }

        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null")
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && text.Any(char.IsDigit) && !text.Contains(':')
            ? JsonValue.Create(real)
            : JsonValue.Create(text);
    }
}
