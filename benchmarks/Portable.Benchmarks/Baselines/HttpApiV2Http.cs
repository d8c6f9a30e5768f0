namespace Portable.Benchmarks.Baselines;

/// <summary>The <c>requestContext.http</c> of an HTTP API (payload 2.0) event.</summary>
public sealed class HttpApiV2Http
{
    public string? Method { get; init; }
    public string? Path { get; init; }
    public string? Protocol { get; init; }
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }
}
