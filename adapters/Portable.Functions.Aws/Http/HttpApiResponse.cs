namespace Portable.Functions.Aws;

/// <summary>The answer to a payload 2.0 or Function URL event: single-value headers, one <c>cookies</c> entry per <c>Set-Cookie</c>.</summary>
internal sealed class HttpApiResponse
{
    public int StatusCode { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public List<string>? Cookies { get; set; }

    public string Body { get; set; } = string.Empty;

    public bool IsBase64Encoded { get; set; }
}
