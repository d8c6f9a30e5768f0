namespace Portable.Functions.Azure;

/// <summary>
/// The named <c>res</c> HTTP output as the host's <c>HttpBinding</c> reads it: a status code, header
/// values as single strings, and a string body (written as-is, never base64-decoded on this path).
/// </summary>
internal sealed class AzureHttpOutput(int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, string? body)
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    public string? Body { get; } = body;
}
