using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Portable.Functions.Hosting;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// The <see cref="INativeInvoker"/> of an HTTP-fronted adapter: runs the adapter's real request delegate
/// (the one its Kestrel server runs, built by <see cref="FunctionWebServer.CreateRequestDelegate"/>) on an
/// in-memory <see cref="DefaultHttpContext"/>, with no server and no socket, and returns the status,
/// headers and body it wrote. The delegate is created on the first call for an app, never on the start path.
/// </summary>
public sealed class HttpNativeInvoker : INativeInvoker
{
    private readonly Func<FunctionApp, RequestDelegate> _createHandler;
    private readonly Lock _lock = new();
    private FunctionApp? _app;
    private RequestDelegate? _handler;

    /// <summary>Creates the invoker.</summary>
    /// <param name="platform">The platform's name (<see cref="INativeInvoker.Platform"/>).</param>
    /// <param name="createHandler">Builds the adapter's request delegate for an app (called once per app, on its first invocation).</param>
    /// <exception cref="ArgumentException"><paramref name="platform"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="createHandler"/> is <see langword="null"/>.</exception>
    public HttpNativeInvoker(string platform, Func<FunctionApp, RequestDelegate> createHandler)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        ArgumentNullException.ThrowIfNull(createHandler);
        Platform = platform;
        _createHandler = createHandler;
    }

    /// <inheritdoc />
    public string Platform { get; }

    /// <inheritdoc />
    public async Task<NativeResponse> InvokeAsync(FunctionApp app, NativeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(request);
        var handler = Handler(app);

        var http = new DefaultHttpContext(new NativeInvocationFeatures(request.Deadline)) { RequestAborted = cancellationToken };

        var native = http.Request;
        native.Method = request.Method;
        native.Scheme = "http";
        native.Host = new HostString("localhost");
        var pathAndQuery = string.IsNullOrEmpty(request.Path) ? "/" : request.Path;
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        native.Path = PathString.FromUriComponent(question < 0 ? pathAndQuery : pathAndQuery[..question]);
        native.QueryString = question < 0 ? QueryString.Empty : new QueryString(pathAndQuery[question..]);
        foreach (var (name, values) in request.Headers)
        {
            native.Headers[name] = values;
        }

        // As Kestrel sees a body: its length, unless the caller chose chunking.
        if (!request.Body.IsEmpty || native.Headers.ContentLength is not null)
        {
            native.Headers.ContentLength ??= request.Body.Length;
        }

        native.Body = new MemoryStream(request.Body.ToArray(), writable: false);
        using var responseBody = new MemoryStream();
        http.Response.Body = responseBody;

        await handler(http).ConfigureAwait(false);

        var headers = new HeaderCollection();
        foreach (var (name, values) in http.Response.Headers)
        {
            headers.Add(name, (StringValues)values);
        }

        return new NativeResponse(http.Response.StatusCode, headers, responseBody.ToArray());
    }

    private RequestDelegate Handler(FunctionApp app)
    {
        lock (_lock)
        {
            if (_handler is null || !ReferenceEquals(_app, app))
            {
                _handler = _createHandler(app);
                _app = app;
            }

            return _handler;
        }
    }
}
