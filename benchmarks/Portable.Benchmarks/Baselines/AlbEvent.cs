namespace Portable.Benchmarks.Baselines;

/// <summary>An Application Load Balancer target event as a hand-written POCO (both header modes).</summary>
public sealed class AlbEvent
{
    public AlbContext? RequestContext { get; init; }
    public string? HttpMethod { get; init; }
    public string? Path { get; init; }
    public Dictionary<string, string>? QueryStringParameters { get; init; }
    public Dictionary<string, string[]>? MultiValueQueryStringParameters { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public Dictionary<string, string[]>? MultiValueHeaders { get; init; }
    public string? Body { get; init; }
    public bool IsBase64Encoded { get; init; }
}
