namespace Portable.Benchmarks.Baselines;

/// <summary>The <c>requestContext</c> of an HTTP API (payload 2.0) event.</summary>
public sealed class HttpApiV2Context
{
    public string? AccountId { get; init; }
    public string? ApiId { get; init; }
    public string? DomainName { get; init; }
    public string? DomainPrefix { get; init; }
    public HttpApiV2Http? Http { get; init; }
    public string? RequestId { get; init; }
    public string? RouteKey { get; init; }
    public string? Stage { get; init; }
    public string? Time { get; init; }
    public long TimeEpoch { get; init; }
}
