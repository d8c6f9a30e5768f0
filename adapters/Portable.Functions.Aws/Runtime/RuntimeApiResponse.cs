using System.Net;

namespace Portable.Functions.Aws;

/// <summary>One answer of the Runtime API as <see cref="RuntimeApiConnection"/> read it.</summary>
internal sealed class RuntimeApiResponse
{
    // The Runtime API sends about ten header fields: a list searched ignoring case is all it needs.
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public required HttpStatusCode StatusCode { get; init; }

    /// <summary>True when the connection ends with this answer (<c>Connection: close</c>, HTTP/1.0, or a body framed by the connection's end).</summary>
    public bool CloseConnection { get; set; }

    public byte[] Body { get; set; } = [];

    /// <summary>The first value of a header field, or null.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in _headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    internal void AddHeader(string name, string value)
    {
        _headers.Add(new(name, value));
        if (string.Equals(name, "Connection", StringComparison.OrdinalIgnoreCase))
        {
            // "close" ends the connection after this answer; an HTTP/1.0 server keeps it only when it says keep-alive.
            CloseConnection = value.Contains("close", StringComparison.OrdinalIgnoreCase)
                || (CloseConnection && !value.Contains("keep-alive", StringComparison.OrdinalIgnoreCase));
        }
    }
}
