using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Portable.Functions.Hosting;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// Reads a request's body, caller address and abort token from its <see cref="HttpContext"/> when the
/// function or the pipeline first asks (<see cref="FunctionHttpContextExtensions.ReadFunctionRequest"/>,
/// <see cref="FunctionHttpContextExtensions.CreateInvocationOptions"/>).
/// </summary>
internal sealed class HttpContextRequestReader : NativeRequestReader
{
    public static readonly HttpContextRequestReader Instance = new();

    private HttpContextRequestReader()
    {
    }

    /// <summary>
    /// Kestrel's body, wrapped so its errors (over the size limit, malformed chunking) surface as
    /// <see cref="FunctionProblemException"/> 413/400 when read; <see cref="Stream.Null"/> for a request
    /// without one.
    /// </summary>
    public override Stream ReadBody(object native)
    {
        var http = (HttpContext)native;
        return CanHaveBody(http) ? new KestrelBodyStream(http.Request.Body) : Stream.Null;
    }

    // DefaultHttpContext.Connection is an object made on first use, and its address getter adds an empty
    // connection feature when there is none (an in-memory context): read the feature itself.
    public override string? ReadRemoteIpAddress(object native)
    {
        var http = (HttpContext)native;
        return (http is DefaultHttpContext ? Feature<IHttpConnectionFeature>(http)?.RemoteIpAddress : http.Connection.RemoteIpAddress)?.ToString();
    }

    // DefaultHttpContext.RequestAborted adds an empty lifetime feature when there is none (an in-memory
    // context), and adding a feature makes every cached feature of the context be looked up again: read it.
    public override CancellationToken ReadAborted(object native) => RequestAborted((HttpContext)native);

    internal static CancellationToken RequestAborted(HttpContext http) =>
        http is DefaultHttpContext ? Feature<IHttpRequestLifetimeFeature>(http)?.RequestAborted ?? default : http.RequestAborted;

    // Kestrel knows whether a request has a body (no Content-Length and no chunking: none); a bodiless
    // GET then gets no wrapper. Without that feature, judge by the headers.
    private static bool CanHaveBody(HttpContext http) =>
        Feature<IHttpRequestBodyDetectionFeature>(http)?.CanHaveBody
            ?? (http.Request.ContentLength is > 0 || http.Request.Headers.ContainsKey(HeaderNames.TransferEncoding));

    // The collection's indexer, an ordinary interface call: Get<T> is a generic virtual method, whose
    // dispatch is resolved at run time on every call.
    private static T? Feature<T>(HttpContext http)
        where T : class => (T?)http.Features[typeof(T)];
}
