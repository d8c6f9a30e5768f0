namespace Portable.Functions.Aws;

/// <summary>
/// The JSON metadata that opens an <c>application/vnd.awslambda.http-integration-response</c> stream
/// (Function URL <c>RESPONSE_STREAM</c>): status, single-value headers, cookies; 8 zero bytes follow it.
/// </summary>
internal sealed class StreamingPrelude
{
    public int StatusCode { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public List<string>? Cookies { get; set; }
}
