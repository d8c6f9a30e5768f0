using System.Text;
using System.Text.Json;
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

        HeaderCollection headers;
        try
        {
            if (source.MultiValueHeaders is { Count: > 0 } multi)
            {
                // The single-value map is not used then, but a malformed one is still the caller's fault.
                _ = HttpEventReader.StringMap(source.Headers, "$.headers");
                headers = new HeaderCollection();
                foreach (var (name, values) in multi)
                {
                    headers.Add(name, new StringValues([.. (values ?? []).Select(v => v ?? string.Empty)]));
                }
            }
            else
            {
                headers = SingleValueHeaders(source.Headers);
            }
        }
        catch (ArgumentException exception)
        {
            throw FunctionProblemException.BadRequest("The event carries a header that is not valid HTTP.", exception);
        }

        var path = UrlEncoding.DecodePath(source.Path is { Length: > 0 } p ? p : "/");
        var body = DecodeBody(source.Body, source.IsBase64Encoded);
        var stream = body.Length == 0 ? Stream.Null : new MemoryStream(body, writable: false);

        // ALB leaves query values percent-encoded: pass them through and let the neutral parser decode.
        // Payload 1.0 delivers them decoded: keep its parse and re-escape them for the raw string.
        if (isAlb)
        {
            return new FunctionRequest(method, path, headers)
            {
                QueryString = source.MultiValueQueryStringParameters is { Count: > 0 }
                    ? UrlEncoding.BuildQuery(ProxyQuery(source), escape: false)
                    : AlbQuery(source.QueryStringParameters),
                Body = stream,
                RemoteIpAddress = LastForwardedFor(headers),
            };
        }

        var query = ProxyQuery(source);
        var queryString = UrlEncoding.BuildQuery(query, escape: true);
        var decodedQuery = new QueryCollection(DecodedQuery(query));
        var sourceIp = source.RequestContext?.Identity?.SourceIp;

        // Two initialisers, so that a request without an authorizer never calls the User setter: on the
        // managed runtime, binding that call loads the claims assembly on every cold start.
        return AuthorizerClaims.IsPresent(source.RequestContext?.Authorizer)
            ? new FunctionRequest(method, path, headers)
            {
                QueryString = queryString,
                Query = decodedQuery,
                Body = stream,
                User = AuthorizerClaims.FromRestApi(source.RequestContext.Authorizer.Value),
                RemoteIpAddress = sourceIp,
            }
            : new FunctionRequest(method, path, headers) { QueryString = queryString, Query = decodedQuery, Body = stream, RemoteIpAddress = sourceIp };
    }

    public static FunctionRequest FromHttpApi(HttpApiRequest source)
    {
        var context = source.RequestContext;
        var method = context?.Http?.Method;
        if (string.IsNullOrEmpty(method))
        {
            throw FunctionProblemException.BadRequest("The event has no requestContext.http.method.");
        }

        HeaderCollection headers;
        try
        {
            // Repeated headers arrive comma-joined; they stay one value (splitting on commas breaks
            // User-Agent, dates and quoted strings).
            headers = SingleValueHeaders(source.Headers);

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
        var path = UrlEncoding.DecodePath(StripStage(source.RawPath ?? context?.Http?.Path ?? "/", context?.Stage));
        var queryString = source.RawQueryString ?? string.Empty;
        var stream = body.Length == 0 ? Stream.Null : new MemoryStream(body, writable: false);
        var sourceIp = context?.Http?.SourceIp;

        // As in FromProxy: the User setter is called only when there is a user to set.
        return AuthorizerClaims.IsPresent(context?.Authorizer)
            ? new FunctionRequest(method, path, headers)
            {
                QueryString = queryString,
                Body = stream,
                User = AuthorizerClaims.FromHttpApi(context.Authorizer.Value),
                RemoteIpAddress = sourceIp,
            }
            : new FunctionRequest(method, path, headers) { QueryString = queryString, Body = stream, RemoteIpAddress = sourceIp };
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

    /// <summary>
    /// A single-value header map read straight into the collection. A name seen twice (in any case)
    /// takes the dictionary route, whose rules it always had: the last of an exact repeat wins, names
    /// differing only in case become one header with both values.
    /// </summary>
    private static HeaderCollection SingleValueHeaders(JsonElement? map)
    {
        var headers = new HeaderCollection();
        if (map is not { } element)
        {
            return headers;
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (headers.Contains(name))
            {
                return DictionaryHeaders(HttpEventReader.StringMap(map, "$.headers")!);
            }

            headers.Add(name, HttpEventReader.MapValue(property.Value, "$.headers") ?? string.Empty);
        }

        return headers;
    }

    private static HeaderCollection DictionaryHeaders(Dictionary<string, string?> map)
    {
        var headers = new HeaderCollection();
        foreach (var (name, value) in map)
        {
            headers.Add(name, value ?? string.Empty);
        }

        return headers;
    }

    /// <summary>
    /// ALB's single-value query map as the raw query string (values stay percent-encoded), written
    /// directly; a repeated name takes the dictionary route (the last value wins).
    /// </summary>
    private static string AlbQuery(JsonElement? map)
    {
        if (map is not { } element)
        {
            return string.Empty;
        }

        string? first = null;
        List<string>? names = null;
        StringBuilder? builder = null;
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            var pair = string.Concat(name, "=", HttpEventReader.MapValue(property.Value, "$.queryStringParameters"));
            if (first is null)
            {
                first = pair;
                names = [name];
                continue;
            }

            if (names!.Contains(name, StringComparer.Ordinal))
            {
                var single = HttpEventReader.StringMap(map, "$.queryStringParameters")!;
                return UrlEncoding.BuildQuery(single.Select(static p => new KeyValuePair<string, List<string?>>(p.Key, [p.Value])), escape: false);
            }

            names!.Add(name);
            (builder ??= new StringBuilder(first)).Append('&').Append(pair);
        }

        return builder?.ToString() ?? first ?? string.Empty;
    }

    private static List<KeyValuePair<string, List<string?>>> ProxyQuery(ProxyRequest source)
    {
        var result = new List<KeyValuePair<string, List<string?>>>();
        if (source.MultiValueQueryStringParameters is { Count: > 0 } multi)
        {
            // The single-value map is not used then, but a malformed one is still the caller's fault.
            _ = HttpEventReader.StringMap(source.QueryStringParameters, "$.queryStringParameters");
            foreach (var (name, values) in multi)
            {
                result.Add(new(name, values ?? []));
            }
        }
        else if (HttpEventReader.StringMap(source.QueryStringParameters, "$.queryStringParameters") is { } single)
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

    internal static string? LastForwardedFor(HeaderCollection headers)
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
