namespace Portable.Functions.Hosting;

/// <summary>
/// The native answer of an <see cref="INativeInvoker"/>: for HTTP-fronted platforms the HTTP response the
/// host writes; for AWS Lambda what the runtime posts back to the Runtime API (status 200, the response
/// JSON as the body, or the error JSON with the <c>Lambda-Runtime-Function-Error-Type</c> header).
/// </summary>
public sealed class NativeResponse
{
    /// <summary>Creates an answer.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="headers">The headers.</param>
    /// <param name="body">The whole body.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is <see langword="null"/>.</exception>
    public NativeResponse(int statusCode, HeaderCollection headers, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The headers (case-insensitive, multi-value; <c>Set-Cookie</c> once per cookie).</summary>
    public HeaderCollection Headers { get; }

    /// <summary>The whole body.</summary>
    public ReadOnlyMemory<byte> Body { get; }
}
