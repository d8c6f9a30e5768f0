namespace Portable.Benchmarks.Baselines;

/// <summary>An API Gateway HTTP API (payload 2.0) / Function URL event as a hand-written POCO.</summary>
public sealed class HttpApiV2Event
{
    public string? Version { get; init; }
    public string? RouteKey { get; init; }
    public string? RawPath { get; init; }
    public string? RawQueryString { get; init; }
    public string[]? Cookies { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public Dictionary<string, string>? QueryStringParameters { get; init; }
    public Dictionary<string, string>? PathParameters { get; init; }
    public HttpApiV2Context? RequestContext { get; init; }
    public string? Body { get; init; }
    public bool IsBase64Encoded { get; init; }
}
