namespace Portable.Functions.Hosting;

/// <summary>
/// One native invocation as a platform delivers it to its host, for an <see cref="INativeInvoker"/>: for
/// HTTP-fronted platforms the HTTP request the host receives; for AWS Lambda the event (the body) and the
/// Runtime API's <c>Lambda-Runtime-*</c> headers.
/// </summary>
public sealed class NativeRequest
{
    /// <summary>The HTTP method the host receives (<c>POST</c> by default; ignored by AWS).</summary>
    public string Method { get; init; } = "POST";

    /// <summary>The path and query the host receives, e.g. <c>/orders?id=1</c> (<c>/</c> by default; ignored by AWS).</summary>
    public string Path { get; init; } = "/";

    /// <summary>The HTTP headers (AWS: the Runtime API's invocation headers, e.g. <c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    public HeaderCollection Headers { get; init; } = new();

    /// <summary>The body (AWS: the event JSON).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>
    /// The invocation's deadline, as if the platform had set it: AWS uses it over <c>Lambda-Runtime-Deadline-Ms</c>;
    /// HTTP-fronted platforms, which have no per-request deadline of their own, use it over
    /// <see cref="FunctionOptions.Timeout"/>. <see langword="null"/> leaves the platform's own rule.
    /// </summary>
    public DateTimeOffset? Deadline { get; init; }
}
