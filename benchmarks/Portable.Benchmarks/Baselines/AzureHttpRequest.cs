using System.Text.Json;

namespace Portable.Benchmarks.Baselines;

/// <summary>The HTTP request as the Functions host serializes it for a custom handler.</summary>
public sealed class AzureHttpRequest
{
    public string? Url { get; init; }
    public string? Method { get; init; }
    public Dictionary<string, string>? Query { get; init; }
    public Dictionary<string, string[]>? Headers { get; init; }
    public Dictionary<string, string>? Params { get; init; }
    public JsonElement Identities { get; init; }
    public string? Body { get; init; }
}
