using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>
/// Maps the HTTP trigger value of the payload (<c>Data.req</c>: Url, Method, Headers as arrays, Body)
/// to a <see cref="FunctionRequest"/>, and a <see cref="FunctionResponse"/> to the <c>res</c> output.
/// </summary>
internal static class AzureHttpMapper
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="FunctionProblemException">400 when the value is not the host's HTTP request shape.</exception>
    public static FunctionRequest ToRequest(JsonElement req, string routePrefix)
    {
        if (req.ValueKind != JsonValueKind.Object)
        {
            throw FunctionProblemException.BadRequest("The HTTP trigger value in 'Data' must be a JSON object.");
        }

        var method = RequiredString(req, "Method");
        var urlText = RequiredString(req, "Url");
        if (!method.All(char.IsAsciiLetter))
        {
            throw FunctionProblemException.BadRequest("'Method' of the HTTP trigger is not a valid HTTP method.");
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw FunctionProblemException.BadRequest("'Url' of the HTTP trigger is not an absolute http(s) URL.");
        }

        var headers = ReadHeaders(req);
        var body = ReadBody(req, headers.GetFirst("Content-Type"));
        return new FunctionRequest(method, AzureHttpPath.StripPrefix(AzureHttpPath.DecodePath(url.AbsolutePath), routePrefix), headers)
        {
            QueryString = url.Query.Length > 1 ? url.Query[1..] : string.Empty,
            Body = new MemoryStream(body, writable: false),
            RemoteIpAddress = ClientAddress(headers.GetFirst("X-Forwarded-For")),
        };
    }

    /// <summary>Buffers the response and turns it into the named HTTP output.</summary>
    public static async Task<AzureHttpOutput> ToOutputAsync(FunctionResponse response, string method, AzureTriggerDispatcher result, CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, string>>(response.Headers.Count);
        foreach (var (name, values) in response.Headers)
        {
            // The host copies header values as single strings; an array would be written as JSON text.
            headers.Add(new(name, values.Count == 1 ? values[0]! : string.Join(", ", values.ToArray())));
        }

        if (response.Cookies.Count > 0)
        {
            // The payload-mode HTTP output has no cookie support (host HttpBinding); say so rather than
            // fold several Set-Cookie values into one header that browsers would misread.
            result.Log($"{response.Cookies.Count} Set-Cookie value(s) dropped: the custom-handler payload mode cannot set cookies.");
        }

        if (string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase) || response.StatusCode is 204 or 304)
        {
            return new AzureHttpOutput(response.StatusCode, headers, null);
        }

        var bytes = await response.Body.ToBytesAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.IsEmpty)
        {
            return new AzureHttpOutput(response.StatusCode, headers, string.Empty);
        }

        try
        {
            return new AzureHttpOutput(response.StatusCode, headers, s_strictUtf8.GetString(bytes.Span));
        }
        catch (DecoderFallbackException)
        {
            // The host writes a string body as text; bytes that are not UTF-8 cannot survive the trip.
            result.Log($"A {bytes.Length}-byte binary response body was replaced by a 500: the custom-handler payload mode carries text bodies only.");
            return new AzureHttpOutput(500, [new("Content-Type", "text/plain; charset=utf-8")], "The function returned a binary body, which this Azure hosting mode cannot send.");
        }
    }

    private static HeaderCollection ReadHeaders(JsonElement req)
    {
        var headers = new HeaderCollection();
        if (!AzurePayload.TryGet(req, "Headers", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return headers;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw FunctionProblemException.BadRequest("'Headers' of the HTTP trigger must be a JSON object.");
        }

        try
        {
            foreach (var header in element.EnumerateObject())
            {
                switch (header.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        headers.Add(header.Name, header.Value.GetString()!);
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in header.Value.EnumerateArray())
                        {
                            headers.Add(header.Name, item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongHeader(header.Name));
                        }

                        break;
                    default:
                        throw WrongHeader(header.Name);
                }
            }
        }
        catch (ArgumentException exception)
        {
            throw FunctionProblemException.BadRequest("The HTTP trigger has an invalid header name or value.", exception);
        }

        return headers;
    }

    private static byte[] ReadBody(JsonElement req, string? contentType)
    {
        if (!AzurePayload.TryGet(req, "Body", out var body) || body.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (body.ValueKind != JsonValueKind.String)
        {
            // Older hosts parsed JSON bodies into objects; their JSON text is the body.
            return Encoding.UTF8.GetBytes(body.GetRawText());
        }

        // The host base64-encodes exactly these bodies (HttpRequestExtensions.GetRequestAsJObject).
        var essence = MediaType.Essence(contentType);
        if (essence.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) || essence.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return body.TryGetBytesFromBase64(out var bytes)
                ? bytes
                : throw FunctionProblemException.BadRequest("'Body' of a binary HTTP request is not valid base64.");
        }

        return Encoding.UTF8.GetBytes(body.GetString()!);
    }

    private static string RequiredString(JsonElement obj, string name) =>
        AzurePayload.TryGet(obj, name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw FunctionProblemException.BadRequest($"The HTTP trigger value needs a non-empty string '{name}'.");

    private static FunctionProblemException WrongHeader(string name) =>
        FunctionProblemException.BadRequest($"Header '{UntrustedText.Shorten(name)}' must be a string or an array of strings.");

    private static string? ClientAddress(string? forwardedFor)
    {
        // The front end appends "ip:port"; the first entry is the original client.
        var first = forwardedFor?.Split(',')[0].Trim();
        if (string.IsNullOrEmpty(first))
        {
            return null;
        }

        return System.Net.IPEndPoint.TryParse(first, out var endpoint) ? endpoint.Address.ToString() : first;
    }
}
