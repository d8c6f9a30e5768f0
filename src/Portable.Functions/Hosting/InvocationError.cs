namespace Portable.Functions.Hosting;

/// <summary>A failed invocation, already logged, as adapters report it to their platform.</summary>
public sealed class InvocationError
{
    internal InvocationError(int statusCode, string title, string? detail, string errorType, bool isRetryable)
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        ErrorType = errorType;
        IsRetryable = isRetryable;
    }

    /// <summary>HTTP-equivalent status (400 bad input, 404 no function, 422 dropped, 500 failure, 504 deadline).</summary>
    public int StatusCode { get; }

    /// <summary>Short title.</summary>
    public string Title { get; }

    /// <summary>Detail safe to return to the caller (generic for 5xx outside Development).</summary>
    public string? Detail { get; }

    /// <summary>The exception type's short name (Lambda's <c>errorType</c>), e.g. <c>InvalidOperationException</c>.</summary>
    public string ErrorType { get; }

    /// <summary>True when the platform should retry (5xx, 429); false for bad input and drops.</summary>
    public bool IsRetryable { get; }
}
