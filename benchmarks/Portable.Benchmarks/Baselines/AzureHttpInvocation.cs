using System.Text.Json;

namespace Portable.Benchmarks.Baselines;

/// <summary>The Azure Functions host's custom-handler payload for an HTTP trigger as a hand-written POCO.</summary>
public sealed class AzureHttpInvocation
{
    public AzureHttpData? Data { get; init; }
    public Dictionary<string, JsonElement>? Metadata { get; init; }
}
