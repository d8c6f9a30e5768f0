using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// Requests as OpenFaaS's of-watchdog (<c>mode=http</c>) forwards them to the function's server: the
/// caller's request with the gateway's <c>X-Call-Id</c>, and an optional <c>X-Timeout</c>
/// (https://github.com/openfaas/of-watchdog#configuration; https://docs.openfaas.com/reference/triggers/#http).
/// </summary>
public static class OpenFaasRequests
{
    /// <summary>An HTTP request through the gateway.</summary>
    /// <param name="method">The method.</param>
    /// <param name="pathAndQuery">The path and query after <c>/function/&lt;name&gt;</c>.</param>
    /// <param name="body">The body text, or <see langword="null"/>.</param>
    /// <param name="callId">The <c>X-Call-Id</c> (the invocation id); generated when <see langword="null"/>.</param>
    /// <param name="timeout">An <c>X-Timeout</c> (a Go duration such as <c>2s</c>), or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Http(string method, string pathAndQuery, string? body = null, string? callId = null, string? timeout = null)
    {
        var request = KnativeEvents.Http(method, pathAndQuery, body);
        request.Headers.Add("X-Call-Id", callId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        if (timeout is not null)
        {
            request.Headers.Add("X-Timeout", timeout);
        }

        return request;
    }
}
