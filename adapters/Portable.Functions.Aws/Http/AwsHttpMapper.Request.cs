using System.Text;
using Microsoft.Extensions.Primitives;

namespace Portable.Functions.Aws;

/// <summary>
/// Builds the neutral <see cref="FunctionRequest"/> from a payload 1.0, ALB or payload 2.0 event,
/// keeping each source's quirks: decoded (1.0) vs still-encoded (ALB) query values, comma-joined
/// (2.0) duplicates, the separate <c>cookies</c> array, the stage prefix of named HTTP API stages,
/// <c>%2F</c> kept encoded in the path.
/// </summary>
/// <remarks>Every input fault (no method, a header that is not valid HTTP, a body flagged base64 that is not) is a 400 <see cref="FunctionProblemException"/>.</remarks>
internal static partial class AwsHttpMapper
{
    public static FunctionRequest FromProxy(ProxyRequest source, bool isAlb)
    {
        var method = source.HttpMethod;
        if (string.IsNullOrEmpty(method))
        {
            throw FunctionProblemException.BadRequest("The event has no httpMethod.");
        }

        var headers = new HeaderCollection();
        try
        {
            if (source.MultiValueHeaders is { Count: > 0 } multi)
            {
                foreach (var (name, values) in multi)
                {
                    headers.Add(name, new StringValues([.. (values ?? []).Select(v => v ?? string.Empty)]));
                }
            }
            else if (source.Headers is { } single)
            {
                foreach (var (name, value) in single)
                {
                    headers.Add(name, value ?? string.Empty);
                }
            }
        }
        catch (ArgumentException exception)
        {
            throw FunctionProblemException.BadRequest("The event carries a header that is not valid HTTP.", exception);
        }

        var query = ProxyQuery(source);
        var path = UrlEncoding.DecodePath(source.Path is { Length: > 0 } p ? p : "/");
        var body = DecodeBody(source.Body, source.IsBase64Encoded);
        var stream = body.Length == 0 ? Stream.Null : new MemoryStream(body, writable: false);

        // ALB leaves query values percent-encoded: pass them through and let the neutral parser decode.
        // Payload 1.0 delivers them decoded: keep its parse and re-escape them for the raw string.
        return isAlb
            ? new FunctionRequest(method, path, headers)
            {
                QueryString = UrlEncoding.BuildQuery(query, escape: false),
                Body = stream,
                RemoteIpAddress = LastForwardedFor(headers),
            }
            : new FunctionRequest(method, path, headers)
            {
                QueryString = UrlEncoding.BuildQuery(query, escape: true),
                Query = new QueryCollection(DecodedQuery(query)),
                Body = stream,
                User = AuthorizerClaims.FromRestApi(source.RequestContext?.Authorizer),
                RemoteIpAddress = source.RequestContext?.Identity?.SourceIp,
            };
    }

    public static FunctionRequest FromHttpApi(HttpApiRequest source)
    {
        var context = source.RequestContext;
        var method = context?.Http?.Method;
        if (string.IsNullOrEmpty(method))
        {
            throw FunctionProblemException.BadRequest("The event has no requestContext.http.method.");
        }

        var headers = new HeaderCollection();
        try
        {
            if (source.Headers is { } map)
            {
                // Repeated headers arrive comma-joined; they stay one value (splitting on commas breaks
                // User-Agent, dates and quoted strings).
                foreach (var (name, value) in map)
                {
                    headers.Add(name, value ?? string.Empty);
                }
            }

            // Function URLs keep the cookie header and also send cookies[]; HTTP API may send only the array.
            if (!headers.Contains("Cookie") && source.Cookies is { Count: > 0 } cookies)
            {
                headers.Set("Cookie", string.Join("; ", cookies.Where(c => !string.IsNullOrEmpty(c))));
            }
        }
        catch (ArgumentException exception)
        {
            throw FunctionProblemException.BadRequest("The event carries a header that is not valid HTTP.", exception);
        }

        var body = DecodeBody(source.Body, source.IsBase64Encoded);
        return new FunctionRequest(method, UrlEncoding.DecodePath(StripStage(source.RawPath ?? context?.Http?.Path ?? "/", context?.Stage)), headers)
        {
            QueryString = source.RawQueryString ?? string.Empty,
            Body = body.Length == 0 ? Stream.Null : new MemoryStream(body, writable: false),
            User = AuthorizerClaims.FromHttpApi(context?.Authorizer),
            RemoteIpAddress = context?.Http?.SourceIp,
        };
    }

    /// <summary>Decodes the body; a body flagged base64 that is not base64 is the caller's fault (400).</summary>
    public static byte[] DecodeBody(string? body, bool isBase64Encoded)
    {
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        if (!isBase64Encoded)
        {
            return Encoding.UTF8.GetBytes(body);
        }

        var buffer = new byte[body.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(body, buffer, out var written))
        {
            throw FunctionProblemException.BadRequest("The event body is flagged isBase64Encoded but is not valid base64.");
        }

        return buffer.AsSpan(0, written).ToArray();
    }

    /// <summary>Removes <c>/{stage}</c> from a payload 2.0 raw path on a named stage (<c>$default</c> has no prefix).</summary>
    internal static string StripStage(string rawPath, string? stage)
    {
        if (string.IsNullOrEmpty(stage) || stage == "$default")
        {
            return rawPath;
        }

        var prefix = "/" + stage;
        if (rawPath.StartsWith(prefix, StringComparison.Ordinal) && (rawPath.Length == prefix.Length || rawPath[prefix.Length] == '/'))
        {
            var rest = rawPath[prefix.Length..];
            return rest.Length == 0 ? "/" : rest;
        }

        return rawPath;
    }

    private static List<KeyValuePair<string, List<string?>>> ProxyQuery(ProxyRequest source)
    {
        var result = new List<KeyValuePair<string, List<string?>>>();
        if (source.MultiValueQueryStringParameters is { Count: > 0 } multi)
        {
            foreach (var (name, values) in multi)
            {
                result.Add(new(name, values ?? []));
            }
        }
        else if (source.QueryStringParameters is { } single)
        {
            foreach (var (name, value) in single)
            {
                result.Add(new(name, [value]));
            }
        }

        return result;
    }

    private static Dictionary<string, StringValues> DecodedQuery(List<KeyValuePair<string, List<string?>>> query)
    {
        // Query names are case-sensitive, as in the URL: ?Key=1&key=2 is two parameters.
        var result = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            var strings = new StringValues([.. values.Select(v => v ?? string.Empty)]);
            result[name] = result.TryGetValue(name, out var existing) ? StringValues.Concat(existing, strings) : strings;
        }

        return result;
    }

    private static string? LastForwardedFor(HeaderCollection headers)
    {
        var value = headers.GetFirst("X-Forwarded-For");
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var comma = value.LastIndexOf(',');
        return (comma >= 0 ? value[(comma + 1)..] : value).Trim();
    }
}
