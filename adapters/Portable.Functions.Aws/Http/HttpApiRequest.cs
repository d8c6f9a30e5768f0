using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>
/// API Gateway HTTP API payload 2.0 and Lambda Function URL events: <c>rawPath</c> and
/// <c>rawQueryString</c> are the source of truth, repeated headers arrive comma-joined, cookies apart.
/// </summary>
internal sealed class HttpApiRequest
{
    public string? Version { get; set; }

    public string? RouteKey { get; set; }

    public string? RawPath { get; set; }

    public string? RawQueryString { get; set; }

    public List<string?>? Cookies { get; set; }

    public JsonElement? Headers { get; set; }

    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }

    public HttpApiRequestContext? RequestContext { get; set; }
}

/// <summary>The <c>requestContext</c> of a payload 2.0 event (only what the adapter reads).</summary>
internal sealed class HttpApiRequestContext
{
    public string? DomainName { get; set; }

    public string? Stage { get; set; }

    public string? RequestId { get; set; }

    public HttpApiHttpContext? Http { get; set; }

    public JsonElement? Authorizer { get; set; }
}

/// <summary>The <c>requestContext.http</c> object.</summary>
internal sealed class HttpApiHttpContext
{
    public string? Method { get; set; }

    public string? Path { get; set; }

    public string? SourceIp { get; set; }
}
