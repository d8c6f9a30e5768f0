using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>
/// API Gateway payload 1.0 (REST, or HTTP API in 1.0 mode) and ALB target events: the same field
/// names. Maps may be <c>null</c>, <c>{}</c> or absent; ALB sends either the single-value or the
/// multi-value pair, never both.
/// </summary>
internal sealed class ProxyRequest
{
    public string? Resource { get; set; }

    public string? Path { get; set; }

    public string? HttpMethod { get; set; }

    public JsonElement? Headers { get; set; }

    public Dictionary<string, List<string?>?>? MultiValueHeaders { get; set; }

    public JsonElement? QueryStringParameters { get; set; }

    public Dictionary<string, List<string?>?>? MultiValueQueryStringParameters { get; set; }

    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }

    public ProxyRequestContext? RequestContext { get; set; }
}

/// <summary>The <c>requestContext</c> of a payload 1.0 or ALB event (only what the adapter reads).</summary>
internal sealed class ProxyRequestContext
{
    public string? Stage { get; set; }

    public string? RequestId { get; set; }

    public ProxyIdentity? Identity { get; set; }

    public JsonElement? Elb { get; set; }

    public JsonElement? Authorizer { get; set; }
}

/// <summary>The caller identity of a payload 1.0 event.</summary>
internal sealed class ProxyIdentity
{
    public string? SourceIp { get; set; }
}
