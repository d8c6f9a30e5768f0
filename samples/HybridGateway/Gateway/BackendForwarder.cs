using System.Diagnostics;
using Portable.Functions;

namespace HybridGateway.Gateway;

/// <summary>
/// Sends one request to the backend within the invocation's deadline and turns its answer into the
/// gateway's: 2xx and 4xx pass through (status, body, content type), a backend 5xx or redirect is a 502,
/// an unreachable backend a 502, no answer in time a 504. The caller never sees an exception's text,
/// the backend's address or its 5xx body: the cause rides along as the problem's inner exception, which the
/// pipeline logs once (at Error, under the invocation's id) and never sends.
/// </summary>
internal static class BackendForwarder
{
    /// <summary>Forwards <paramref name="message"/> with the invocation's token and trace context.</summary>
    /// <returns>The gateway's response.</returns>
    /// <exception cref="FunctionProblemException">502 or 504 as above.</exception>
    /// <exception cref="OperationCanceledException">The invocation's token fired (deadline, caller gone, shutdown): the pipeline answers 504 (499 when aborted) and logs it.</exception>
    public static async Task<FunctionResponse> ForwardAsync(HttpClient client, HttpRequestMessage message, FunctionContext context)
    {
        PropagateTrace(message, context);
        var token = context.CancellationToken;
        HttpResponseMessage response;
        try
        {
            // ResponseContentRead (the default): the body is read within the token and the client's buffer limit.
            response = await client.SendAsync(message, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Cancelling the token aborts the backend call (its connection is closed, so the backend's own
            // token fires too); the pipeline maps the deadline to 504.
            throw;
        }
        catch (OperationCanceledException exception)
        {
            // Backend:TimeoutSeconds ran out before the invocation's deadline.
            throw new FunctionProblemException(504, "Gateway Timeout", "The backend did not answer in time.", exception);
        }
        catch (HttpRequestException exception)
        {
            // Connection refused or reset, DNS, TLS, or a body over the buffer limit.
            throw new FunctionProblemException(502, "Bad Gateway", "The backend could not be reached.", exception);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is < 200 or >= 500 or (>= 300 and < 400))
            {
                var cause = new HttpRequestException($"The backend answered {status} {response.ReasonPhrase}.", null, response.StatusCode);
                throw new FunctionProblemException(502, "Bad Gateway", "The backend failed to answer the request.", cause);
            }

            var body = await response.Content.ReadAsByteArrayAsync(token);
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            var answer = FunctionResponse.Bytes(body, contentType, status);
            if (response.Headers.RetryAfter is { } retryAfter)
            {
                answer.Headers.Add("Retry-After", retryAfter.ToString());
            }

            return answer;
        }
    }

    /// <summary>
    /// With a current <see cref="Activity"/> (tracing on: the invocation's span), HttpClient writes
    /// <c>traceparent</c> itself, naming that span (or its own client span) as the parent. With none (no
    /// tracing listener, so no span is recorded here), the caller's trace context is passed on as it came,
    /// so the backend still joins the caller's trace.
    /// </summary>
    private static void PropagateTrace(HttpRequestMessage message, FunctionContext context)
    {
        var trace = context.TraceContext;
        if (Activity.Current is not null || trace == default)
        {
            return;
        }

        var flags = (trace.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00";
        message.Headers.TryAddWithoutValidation("traceparent", $"00-{trace.TraceId.ToHexString()}-{trace.SpanId.ToHexString()}-{flags}");
        if (!string.IsNullOrEmpty(trace.TraceState))
        {
            message.Headers.TryAddWithoutValidation("tracestate", trace.TraceState);
        }
    }
}
