using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Portable.Functions.Hosting;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// The <see cref="HttpContext"/> ⇄ neutral model mapping of the Kestrel-based adapters: read a
/// <see cref="FunctionRequest"/> and its <see cref="InvocationOptions"/> from a request, answer the
/// CloudEvents webhook handshake, and write a <see cref="FunctionResponse"/> back.
/// </summary>
public static partial class FunctionHttpContextExtensions
{
    /// <summary>
    /// Maps the request to a <see cref="FunctionRequest"/> without copying it: headers are wrapped, the
    /// body is streamed, and Kestrel's body errors (over the size limit, malformed chunking) surface as
    /// <see cref="FunctionProblemException"/> 413/400 when the pipeline reads it, never as a 500.
    /// </summary>
    /// <remarks>
    /// The body and <see cref="FunctionRequest.RemoteIpAddress"/> are read from the context when first
    /// asked for, so they are meant to be read while the request is being served (as the context itself).
    /// </remarks>
    /// <param name="http">The request's context.</param>
    /// <param name="path">The path to route on; <see langword="null"/> uses the request path (<c>/</c> when empty).</param>
    /// <returns>The neutral request.</returns>
    public static FunctionRequest ReadFunctionRequest(this HttpContext http, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var native = http.Request;
        return new FunctionRequest(native.Method, path ?? (native.Path.Value is { Length: > 0 } p ? p : "/"), HeaderCollection.Wrap(native.Headers), HttpContextRequestReader.Instance, http)
        {
            QueryString = native.QueryString.HasValue ? native.QueryString.Value![1..] : string.Empty,
        };
    }

    /// <summary>
    /// The invocation settings of a request: its abort token, W3C trace context (<c>traceparent</c>,
    /// <c>tracestate</c>), and the context itself as <see cref="InvocationOptions.NativeRequest"/>.
    /// </summary>
    /// <remarks>
    /// <see cref="InvocationOptions.Aborted"/> is read from the context when first asked for (when the
    /// function asks for its token, or an invocation fails): most invocations never do.
    /// </remarks>
    /// <param name="http">The request's context.</param>
    /// <param name="platform">The platform reported to the function.</param>
    /// <param name="hostShutdown">Fires when the host's drain budget runs out (<see cref="FunctionWebServer.DrainExpired"/>).</param>
    /// <param name="invocationId">The platform's invocation id; <see langword="null"/> gives a new one.</param>
    /// <param name="target">Single-target mode: the function every request or event goes to, whatever its path or type.</param>
    /// <param name="fallbackTraceParent">A <c>traceparent</c> used when the request has none (e.g. from a platform's own trace header).</param>
    /// <returns>The options.</returns>
    public static InvocationOptions CreateInvocationOptions(
        this HttpContext http,
        PlatformInfo platform,
        CancellationToken hostShutdown = default,
        string? invocationId = null,
        FunctionDescriptor? target = null,
        string? fallbackTraceParent = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Request.Headers;

        // Kestrel keeps these known headers in fields; the properties skip its name lookup.
        var traceParent = headers.TraceParent is { Count: > 0 } parent ? parent[0] : fallbackTraceParent;
        return new InvocationOptions
        {
            Platform = platform,
            InvocationId = invocationId,

            // Only the in-memory context of HttpNativeInvoker carries one; a served request has none.
            Deadline = (http.Features as NativeInvocationFeatures)?.Deadline,
            AbortedReader = HttpContextRequestReader.Instance,
            HostShutdown = hostShutdown,
            TraceParent = traceParent,

            // W3C Trace Context §3.3: a tracestate is read only with a traceparent (most requests have neither).
            TraceState = traceParent is not null && headers.TraceState is { Count: > 0 } state ? state[0] : null,
            NativeRequest = http,
            Target = target,
        };
    }

    /// <summary>
    /// Answers the CloudEvents HTTP webhook abuse-protection handshake (an <c>OPTIONS</c> request with
    /// <c>WebHook-Request-Origin</c>) by allowing the origin to POST.
    /// </summary>
    /// <param name="http">The request's context.</param>
    /// <returns><see langword="true"/> when the request was the handshake and is answered (200); otherwise nothing is written.</returns>
    public static bool TryAnswerWebhookHandshake(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        // Qualified: the core's own internal HttpMethods is visible to this assembly too.
        if (!Microsoft.AspNetCore.Http.HttpMethods.IsOptions(http.Request.Method) || !http.Request.Headers.TryGetValue("WebHook-Request-Origin", out var origin) || StringValues.IsNullOrEmpty(origin))
        {
            return false;
        }

        http.Response.Headers["WebHook-Allowed-Origin"] = origin[0];
        http.Response.Headers.Allow = "POST";
        return true;
    }

    /// <summary>
    /// Writes the response of an invocation as <see cref="WriteFunctionResponseAsync(HttpContext, FunctionResponse, ILogger)"/>
    /// does, once the invocation has completed: at once when it already has (a synchronous function, no
    /// state machine), else when it does. A faulted or cancelled invocation faults the returned task.
    /// </summary>
    /// <param name="http">The request's context.</param>
    /// <param name="invocation">The invocation's response, e.g. from <c>FunctionInvoker.InvokeHttpAsync</c>.</param>
    /// <param name="logger">Where a failed body stream is reported.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static Task WriteFunctionResponseAsync(this HttpContext http, Task<FunctionResponse> invocation, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.IsCompletedSuccessfully
            ? http.WriteFunctionResponseAsync(invocation.Result, logger)
            : WriteWhenDoneAsync(http, invocation, logger);
    }

    private static async Task WriteWhenDoneAsync(HttpContext http, Task<FunctionResponse> invocation, ILogger logger) =>
        await http.WriteFunctionResponseAsync(await invocation.ConfigureAwait(false), logger).ConfigureAwait(false);

    /// <summary>
    /// Writes the response: status, headers, cookies, and the body (buffered bodies with their
    /// <c>Content-Length</c>; streamed ones as they come). HEAD, 1xx, 204 and 304 get no body. When a
    /// streamed body fails after the headers went out, the failure is logged and the connection aborted,
    /// the only honest signal left.
    /// </summary>
    /// <param name="http">The request's context.</param>
    /// <param name="response">The neutral response.</param>
    /// <param name="logger">Where a failed body stream is reported.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static Task WriteFunctionResponseAsync(this HttpContext http, FunctionResponse response, ILogger logger)
    {
        // Every failure, argument checks included, comes back in the task, as from an async method.
        try
        {
            ArgumentNullException.ThrowIfNull(http);
            ArgumentNullException.ThrowIfNull(response);
            ArgumentNullException.ThrowIfNull(logger);
            return WriteResponse(http, response, logger);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    private static Task WriteResponse(HttpContext http, FunctionResponse response, ILogger logger)
    {
        var native = http.Response;
        native.StatusCode = response.StatusCode;
        var headers = response.Headers;
        if (headers.Count == 1 && headers.TryGetValue(HeaderNames.ContentType, out var contentType))
        {
            // The usual response carries only its Content-Type: set it without enumerating the collection
            // (its enumerator is an interface, boxed on every response).
            native.Headers.ContentType = contentType;
        }
        else
        {
            foreach (var (name, values) in headers)
            {
                native.Headers[name] = values;
            }
        }

        if (response.Cookies.Count > 0)
        {
            native.Headers.SetCookie = new StringValues([.. response.Cookies]);
        }

        if (!CanHaveBody(http.Request.Method, response.StatusCode))
        {
            // RFC 9110 §9.3.2: a HEAD response should carry the Content-Length a GET would have; a
            // buffered body's length is known, a streamed one's is not (Kestrel then sends none).
            if (Microsoft.AspNetCore.Http.HttpMethods.IsHead(http.Request.Method) && response.StatusCode is >= 200 and not (204 or 304) && response.Body.TryGetBytes(out var headBytes))
            {
                native.ContentLength = headBytes.Length;
            }

            return Task.CompletedTask;
        }

        if (!response.Body.TryGetBytes(out var bytes))
        {
            return WriteStreamedAsync(http, response.Body, logger);
        }

        native.ContentLength = bytes.Length;
        if (bytes.IsEmpty)
        {
            return Task.CompletedTask;
        }

        // A buffered body usually goes out synchronously (into Kestrel's pipe): no state machine, and no
        // abort token to look up. A write that waits for the client ends for the caller when the client
        // goes away (Kestrel then completes the pending write itself, as it aborts the connection).
        var write = native.Body.WriteAsync(bytes);
        if (!write.IsCompletedSuccessfully)
        {
            return WaitOrAbort(write.AsTask(), HttpContextRequestReader.RequestAborted(http));
        }

        write.GetAwaiter().GetResult();
        return Task.CompletedTask;
    }

    private static Task WaitOrAbort(Task write, CancellationToken aborted)
    {
        if (!aborted.CanBeCanceled)
        {
            return write;
        }

        // The abandoned write's own failure, if any, is observed here rather than reported as unobserved.
        _ = write.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return write.WaitAsync(aborted);
    }

    private static async Task WriteStreamedAsync(HttpContext http, ResponseBody body, ILogger logger)
    {
        try
        {
            await http.Response.StartAsync(http.RequestAborted).ConfigureAwait(false);
            await body.WriteToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            LogStreamFailed(logger, exception);
            http.Abort();
        }
    }

    private static bool CanHaveBody(string method, int status) =>
        !Microsoft.AspNetCore.Http.HttpMethods.IsHead(method) && status is not (204 or 304) && status >= 200;

    [LoggerMessage(10, LogLevel.Error, "The response stream failed after the headers were sent; the connection was aborted.")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception);
}
