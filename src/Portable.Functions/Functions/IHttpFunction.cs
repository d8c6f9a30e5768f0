namespace Portable.Functions;

/// <summary>A raw HTTP function: full control of the neutral request and response.</summary>
public interface IHttpFunction
{
    /// <summary>Handles one request.</summary>
    /// <param name="request">The neutral request.</param>
    /// <param name="context">Invocation context; its token fires on deadline, disconnect and shutdown.</param>
    /// <returns>The response. An exception becomes a 500 problem response (no stack trace outside Development).</returns>
    Task<FunctionResponse> HandleAsync(FunctionRequest request, FunctionContext context);
}
