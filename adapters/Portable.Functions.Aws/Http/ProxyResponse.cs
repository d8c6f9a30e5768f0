namespace Portable.Functions.Aws;

/// <summary>
/// The answer to a payload 1.0 or ALB event. Payload 1.0 uses <see cref="MultiValueHeaders"/> (several
/// <c>Set-Cookie</c>); ALB uses the map of the mode it called in and needs <see cref="StatusDescription"/>.
/// </summary>
internal sealed class ProxyResponse
{
    public int StatusCode { get; set; }

    public string? StatusDescription { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public Dictionary<string, List<string>>? MultiValueHeaders { get; set; }

    public string Body { get; set; } = string.Empty;

    public bool IsBase64Encoded { get; set; }
}
