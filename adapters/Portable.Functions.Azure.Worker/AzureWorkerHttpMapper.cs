using System.Net;
using System.Security.Claims;
using Microsoft.Azure.Functions.Worker.Http;

namespace Portable.Functions.Azure.Worker;

/// <summary>Maps the worker's <see cref="HttpRequestData"/> to the neutral request and the neutral response back.</summary>
internal static class AzureWorkerHttpMapper
{
    public static FunctionRequest ToRequest(HttpRequestData native, string routePrefix)
    {
        var headers = new HeaderCollection();
        foreach (var (name, values) in native.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(name, value);
            }
        }

        var authenticated = native.Identities.Where(i => i.IsAuthenticated).ToList();
        var url = native.Url;
        return new FunctionRequest(native.Method, AzureHttpPath.StripPrefix(AzureHttpPath.DecodePath(url.AbsolutePath), routePrefix), headers)
        {
            QueryString = url.Query.Length > 1 ? url.Query[1..] : string.Empty,
            Body = native.Body,
            User = authenticated.Count == 0 ? null : new ClaimsPrincipal(authenticated),
            RemoteIpAddress = headers.GetFirst("X-Forwarded-For")?.Split(',')[0].Trim() is { Length: > 0 } first
                && IPEndPoint.TryParse(first, out var endpoint) ? endpoint.Address.ToString() : null,
        };
    }

    /// <summary>Writes the neutral response into a new <see cref="HttpResponseData"/>: status, every header value, cookies, raw body bytes.</summary>
    public static async Task<HttpResponseData> ToResponseAsync(FunctionResponse response, HttpRequestData native, CancellationToken cancellationToken)
    {
        var result = native.CreateResponse();
        result.StatusCode = (HttpStatusCode)response.StatusCode;
        foreach (var (name, values) in response.Headers)
        {
            result.Headers.TryAddWithoutValidation(name, values.ToArray());
        }

        foreach (var setCookie in response.Cookies)
        {
            if (SetCookieParser.Parse(setCookie) is { } cookie)
            {
                result.Cookies.Append(cookie);
            }
        }

        if (!string.Equals(native.Method, "HEAD", StringComparison.OrdinalIgnoreCase) && response.StatusCode is not (204 or 304))
        {
            // A buffered body is copied into memory whatever happens; only a streamed body honours the token.
            await response.Body.WriteToAsync(result.Body, response.Body.IsStreamed ? cancellationToken : CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }
}
