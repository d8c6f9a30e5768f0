using System.Globalization;
using System.Text.Json.Nodes;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// The Azure Functions host's calls to a custom handler: <c>POST /{functionName}</c> with the invocation
/// payload <c>{"Data": {binding: value}, "Metadata": {...}}</c> and <c>X-Azure-Functions-InvocationId</c>
/// (https://learn.microsoft.com/azure/azure-functions/functions-custom-handlers#request-payload). The
/// handler answers 200 with <c>{"Outputs", "Logs", "ReturnValue"}</c> to complete the invocation, any
/// other status to fail it.
/// </summary>
public static class AzurePayloads
{
    /// <summary>An HTTP trigger invocation (binding <c>req</c>: <c>Url</c>, <c>Method</c>, <c>Query</c>, <c>Headers</c>, <c>Body</c>).</summary>
    /// <param name="functionName">The function's name.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The request's path under the route prefix, e.g. <c>/orders?id=1</c>.</param>
    /// <param name="body">The body text, or <see langword="null"/>.</param>
    /// <param name="contentType">The body's content type.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Http(string functionName, string method, string pathAndQuery, string? body = null, string contentType = "application/json")
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var (path, query) = NativeJson.SplitPath(pathAndQuery);
        var queryObject = new JsonObject();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            queryObject[Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals])] = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        var headers = new JsonObject { ["Host"] = new JsonArray("localhost:7071") };
        var metadataHeaders = new JsonObject { ["Host"] = "localhost:7071" };
        if (body is not null)
        {
            headers["Content-Type"] = new JsonArray(contentType);
            metadataHeaders["Content-Type"] = contentType;
        }

        return Invocation(functionName, new JsonObject
        {
            ["req"] = new JsonObject
            {
                ["Url"] = "http://localhost:7071/api" + path + (query.Length > 0 ? "?" + query : string.Empty),
                ["Method"] = method,
                ["Query"] = queryObject,
                ["Headers"] = headers,
                ["Params"] = new JsonObject(),
                ["Body"] = body,
            },
        }, new JsonObject { ["Query"] = queryObject.DeepClone(), ["Headers"] = metadataHeaders });
    }

    /// <summary>A Queue storage trigger invocation (binding <c>input</c>; metadata <c>Id</c>, <c>DequeueCount</c>, <c>InsertionTime</c>).</summary>
    /// <param name="functionName">The function's name.</param>
    /// <param name="message">The message text.</param>
    /// <param name="messageId">The message id; generated when <see langword="null"/>.</param>
    /// <param name="dequeueCount">How many times it was dequeued (1 for a first delivery).</param>
    /// <returns>The request.</returns>
    public static NativeRequest Queue(string functionName, string message, string? messageId = null, int dequeueCount = 1) => Invocation(
        functionName,
        new JsonObject { ["input"] = message },
        new JsonObject
        {
            ["DequeueCount"] = dequeueCount,
            ["Id"] = messageId ?? NativeJson.NextId("queue"),
            ["InsertionTime"] = "2026-01-01T00:00:00+00:00",
            ["ExpirationTime"] = "2026-01-08T00:00:00+00:00",
            ["PopReceipt"] = "AgAAAAMAAAAAAAAA",
        });

    /// <summary>A Service Bus trigger invocation (binding <c>input</c>; metadata <c>MessageId</c>, <c>DeliveryCount</c>, <c>ContentType</c>).</summary>
    /// <param name="functionName">The function's name.</param>
    /// <param name="message">The message body text.</param>
    /// <param name="messageId">The message id; generated when <see langword="null"/>.</param>
    /// <param name="deliveryCount">How many times it was delivered (1 for a first delivery).</param>
    /// <param name="contentType">The message's content type.</param>
    /// <returns>The request.</returns>
    public static NativeRequest ServiceBus(string functionName, string message, string? messageId = null, int deliveryCount = 1, string contentType = "application/json") => Invocation(
        functionName,
        new JsonObject { ["input"] = message },
        new JsonObject
        {
            ["MessageId"] = JsonString(messageId ?? NativeJson.NextId("sb")),
            ["DeliveryCount"] = deliveryCount.ToString(CultureInfo.InvariantCulture),
            ["ContentType"] = JsonString(contentType),
        });

    private static NativeRequest Invocation(string functionName, JsonObject data, JsonObject metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        metadata["sys"] = new JsonObject
        {
            ["MethodName"] = functionName,
            ["UtcNow"] = "2026-01-01T00:00:00.0000000Z",
            ["RandGuid"] = Guid.NewGuid().ToString(),
        };
        return new NativeRequest
        {
            Method = "POST",
            Path = "/" + functionName,
            Headers = NativeJson.Headers(("Content-Type", "application/json"), ("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString())),
            Body = NativeJson.Bytes(new JsonObject { ["Data"] = data, ["Metadata"] = metadata }),
        };
    }

    // The host serialises Service Bus metadata values as JSON text (a string arrives as "\"id\"").
    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value, NativeJsonContext.Default.String);
}
