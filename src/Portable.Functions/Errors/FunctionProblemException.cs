namespace Portable.Functions;

/// <summary>
/// An error with an HTTP status that the pipeline turns into an <c>application/problem+json</c>
/// response (RFC 9457). The pipeline throws it for client faults (400, 404, 405, 413, 415); handlers
/// may throw it too, e.g. for a 409 or 422.
/// </summary>
/// <remarks>
/// <see cref="Detail"/> is sent to the caller, so it must not carry secrets or internals. For 5xx
/// statuses outside Development the detail is replaced by a generic sentence.
/// </remarks>
public sealed class FunctionProblemException : Exception
{
    /// <summary>Creates a problem.</summary>
    /// <param name="statusCode">HTTP status, 400-599.</param>
    /// <param name="title">Short, human-readable summary of the problem type.</param>
    /// <param name="detail">Explanation specific to this occurrence, safe to show the caller.</param>
    /// <param name="innerException">The underlying cause, logged but never sent.</param>
    public FunctionProblemException(int statusCode, string title, string? detail = null, Exception? innerException = null)
        : base(detail ?? title, innerException)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
    }

    /// <summary>HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>Problem title.</summary>
    public string Title { get; }

    /// <summary>Problem detail, shown to the caller.</summary>
    public string? Detail { get; }

    /// <summary>Extra headers for the error response (e.g. <c>Allow</c> on a 405, <c>Retry-After</c> on a 429).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A 400 Bad Request.</summary>
    /// <param name="detail">What was wrong with the input.</param>
    /// <param name="innerException">Cause, logged only.</param>
    /// <returns>The exception.</returns>
    public static FunctionProblemException BadRequest(string detail, Exception? innerException = null) =>
        new(400, "Bad Request", detail, innerException);

    /// <summary>A 413 Payload Too Large.</summary>
    /// <param name="limit">The configured limit in bytes.</param>
    /// <returns>The exception.</returns>
    public static FunctionProblemException PayloadTooLarge(long limit) =>
        new(413, "Payload Too Large", $"The request body exceeds the limit of {limit} bytes.");

    /// <summary>A 415 Unsupported Media Type.</summary>
    /// <param name="contentType">The content type received.</param>
    /// <param name="expected">What the function accepts.</param>
    /// <returns>The exception.</returns>
    public static FunctionProblemException UnsupportedMediaType(string? contentType, string expected) =>
        new(415, "Unsupported Media Type", $"Content type '{contentType}' is not supported; expected {expected}.");
}
