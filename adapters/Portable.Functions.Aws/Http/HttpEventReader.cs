using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>
/// Reads the HTTP event POCOs straight from the already-parsed event document. The dispatcher must parse
/// the event into a <see cref="JsonDocument"/> to detect its shape; deserializing the POCO from that
/// element with System.Text.Json read the same bytes a second time and cost more than the rest of the
/// invocation. Walking the element is the second read done once. Property names are exact-case, duplicate properties keep the last value, unknown properties
/// are ignored: the rules the source-generated contract had.
/// </summary>
/// <remarks>A value of the wrong JSON type is a 400 <see cref="FunctionProblemException"/> naming its path.</remarks>
internal static class HttpEventReader
{
    /// <summary>Reads a payload 1.0 (REST API) or ALB event.</summary>
    public static ProxyRequest ReadProxy(JsonElement root)
    {
        var request = new ProxyRequest();
        foreach (var property in Object(root, "$").EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("httpMethod"u8)) { request.HttpMethod = String(value, "$.httpMethod"); }
            else if (property.NameEquals("path"u8)) { request.Path = String(value, "$.path"); }
            else if (property.NameEquals("resource"u8)) { request.Resource = String(value, "$.resource"); }
            else if (property.NameEquals("headers"u8)) { request.Headers = Map(value, "$.headers"); }
            else if (property.NameEquals("multiValueHeaders"u8)) { request.MultiValueHeaders = ListMap(value, "$.multiValueHeaders"); }
            else if (property.NameEquals("queryStringParameters"u8)) { request.QueryStringParameters = Map(value, "$.queryStringParameters"); }
            else if (property.NameEquals("multiValueQueryStringParameters"u8)) { request.MultiValueQueryStringParameters = ListMap(value, "$.multiValueQueryStringParameters"); }
            else if (property.NameEquals("body"u8)) { request.Body = String(value, "$.body"); }
            else if (property.NameEquals("isBase64Encoded"u8)) { request.IsBase64Encoded = Bool(value, "$.isBase64Encoded"); }
            else if (property.NameEquals("requestContext"u8)) { request.RequestContext = ReadProxyContext(value); }
        }

        return request;
    }

    /// <summary>Reads a payload 2.0 (HTTP API) or Function URL event.</summary>
    public static HttpApiRequest ReadHttpApi(JsonElement root)
    {
        var request = new HttpApiRequest();
        foreach (var property in Object(root, "$").EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("rawPath"u8)) { request.RawPath = String(value, "$.rawPath"); }
            else if (property.NameEquals("rawQueryString"u8)) { request.RawQueryString = String(value, "$.rawQueryString"); }
            else if (property.NameEquals("headers"u8)) { request.Headers = Map(value, "$.headers"); }
            else if (property.NameEquals("cookies"u8)) { request.Cookies = StringList(value, "$.cookies"); }
            else if (property.NameEquals("body"u8)) { request.Body = String(value, "$.body"); }
            else if (property.NameEquals("isBase64Encoded"u8)) { request.IsBase64Encoded = Bool(value, "$.isBase64Encoded"); }
            else if (property.NameEquals("version"u8)) { request.Version = String(value, "$.version"); }
            else if (property.NameEquals("routeKey"u8)) { request.RouteKey = String(value, "$.routeKey"); }
            else if (property.NameEquals("requestContext"u8)) { request.RequestContext = ReadHttpApiContext(value); }
        }

        return request;
    }

    private static ProxyRequestContext? ReadProxyContext(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var context = new ProxyRequestContext();
        foreach (var property in Object(element, "$.requestContext").EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("stage"u8)) { context.Stage = String(value, "$.requestContext.stage"); }
            else if (property.NameEquals("requestId"u8)) { context.RequestId = String(value, "$.requestContext.requestId"); }
            else if (property.NameEquals("elb"u8)) { context.Elb = Any(value); }
            else if (property.NameEquals("authorizer"u8)) { context.Authorizer = Any(value); }
            else if (property.NameEquals("identity"u8) && value.ValueKind != JsonValueKind.Null)
            {
                context.Identity = new ProxyIdentity();
                foreach (var field in Object(value, "$.requestContext.identity").EnumerateObject())
                {
                    if (field.NameEquals("sourceIp"u8))
                    {
                        context.Identity.SourceIp = String(field.Value, "$.requestContext.identity.sourceIp");
                    }
                }
            }
        }

        return context;
    }

    private static HttpApiRequestContext? ReadHttpApiContext(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var context = new HttpApiRequestContext();
        foreach (var property in Object(element, "$.requestContext").EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("domainName"u8)) { context.DomainName = String(value, "$.requestContext.domainName"); }
            else if (property.NameEquals("stage"u8)) { context.Stage = String(value, "$.requestContext.stage"); }
            else if (property.NameEquals("requestId"u8)) { context.RequestId = String(value, "$.requestContext.requestId"); }
            else if (property.NameEquals("authorizer"u8)) { context.Authorizer = Any(value); }
            else if (property.NameEquals("http"u8) && value.ValueKind != JsonValueKind.Null)
            {
                var http = context.Http = new HttpApiHttpContext();
                foreach (var field in Object(value, "$.requestContext.http").EnumerateObject())
                {
                    if (field.NameEquals("method"u8)) { http.Method = String(field.Value, "$.requestContext.http.method"); }
                    else if (field.NameEquals("path"u8)) { http.Path = String(field.Value, "$.requestContext.http.path"); }
                    else if (field.NameEquals("sourceIp"u8)) { http.SourceIp = String(field.Value, "$.requestContext.http.sourceIp"); }
                }
            }
        }

        return context;
    }

    private static JsonElement Object(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Shape(path);

    private static JsonElement? Any(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element;

    private static string? String(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null => null,
        _ => throw Shape(path),
    };

    private static bool Bool(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Shape(path),
    };

    /// <summary>
    /// A single-value map (headers, query parameters), kept as its element: the mapper reads it once
    /// into what it builds instead of through a dictionary; its values are checked as they are read
    /// (<see cref="MapValue"/>), with the same error.
    /// </summary>
    private static JsonElement? Map(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Null ? null : Object(element, path);

    /// <summary>A value of a single-value map: a string or null; anything else is a 400 naming the map.</summary>
    public static string? MapValue(JsonElement element, string path) => String(element, path);

    /// <summary>A single-value map as a dictionary: exact-case names, the last of a repeated name wins.</summary>
    public static Dictionary<string, string?>? StringMap(JsonElement? element, string path)
    {
        if (element is not { ValueKind: not JsonValueKind.Null } value)
        {
            return null;
        }

        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in Object(value, path).EnumerateObject())
        {
            map[property.Name] = String(property.Value, path);
        }

        return map;
    }

    private static Dictionary<string, List<string?>?>? ListMap(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var map = new Dictionary<string, List<string?>?>(StringComparer.Ordinal);
        foreach (var property in Object(element, path).EnumerateObject())
        {
            map[property.Name] = StringList(property.Value, path);
        }

        return map;
    }

    private static List<string?>? StringList(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Array:
                var list = new List<string?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(String(item, path));
                }

                return list;
            default:
                throw Shape(path);
        }
    }

    private static FunctionProblemException Shape(string path) =>
        FunctionProblemException.BadRequest($"The event does not have the expected shape at {path}.");
}
