using System.Text;
using System.Text.Json.Nodes;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// What Cloud Run functions (Google Cloud Functions) delivers to a Functions Framework server besides
/// CloudEvents (for those use <see cref="KnativeEvents"/>: the same binding): a raw Pub/Sub push
/// (https://cloud.google.com/pubsub/docs/push#receive_push) and a legacy background event
/// (https://cloud.google.com/functions/docs/writing/write-event-driven-functions, 1st gen
/// <c>{data, context}</c>). The GCP host serves one target: name it with <c>o.Configuration["FUNCTION_TARGET"]</c>.
/// </summary>
public static class GcpEvents
{
    /// <summary>A Pub/Sub push request: <c>{"message": {"data": base64, "attributes", "messageId", "publishTime"}, "subscription"}</c>.</summary>
    /// <param name="data">The message data text (sent base64-encoded).</param>
    /// <param name="attributes">Message attributes, or <see langword="null"/>.</param>
    /// <param name="messageId">The message id; generated when <see langword="null"/>.</param>
    /// <param name="subscription">The subscription's full name.</param>
    /// <param name="path">The push endpoint's path; the Functions Framework reads the topic from a <c>/projects/p/topics/t</c> path.</param>
    /// <returns>The request.</returns>
    public static NativeRequest PubSubPush(string data, IReadOnlyDictionary<string, string>? attributes = null, string? messageId = null, string subscription = "projects/tests/subscriptions/tests", string path = "/")
    {
        ArgumentNullException.ThrowIfNull(data);
        var attributeObject = new JsonObject();
        foreach (var (name, value) in attributes ?? new Dictionary<string, string>())
        {
            attributeObject[name] = value;
        }

        var body = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["attributes"] = attributeObject,
                ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data)),
                ["messageId"] = messageId ?? NativeJson.NextId("pubsub"),
                ["publishTime"] = "2026-01-01T00:00:00.000Z",
            },
            ["subscription"] = subscription,
        };
        return Json(body, path);
    }

    /// <summary>A legacy (1st gen) background event: <c>{"data": ..., "context": {"eventId", "timestamp", "eventType", "resource"}}</c>.</summary>
    /// <param name="eventType">The legacy type, e.g. <c>google.pubsub.topic.publish</c> or <c>google.storage.object.finalize</c>.</param>
    /// <param name="resource">The resource, e.g. <c>projects/p/topics/t</c> (Pub/Sub) or <c>projects/_/buckets/b/objects/o</c> (Storage).</param>
    /// <param name="dataJson">The <c>data</c> object as JSON.</param>
    /// <param name="eventId">The event id; generated when <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException"><paramref name="dataJson"/> is not JSON.</exception>
    public static NativeRequest LegacyEvent(string eventType, string resource, string dataJson, string? eventId = null) => Json(new JsonObject
    {
        ["data"] = NativeJson.Parse(dataJson, nameof(dataJson)),
        ["context"] = new JsonObject
        {
            ["eventId"] = eventId ?? NativeJson.NextId("gcf"),
            ["timestamp"] = "2026-01-01T00:00:00.000Z",
            ["eventType"] = eventType,
            ["resource"] = resource,
        },
    });

    /// <summary>A plain HTTP request to an HTTP target (the Functions Framework serves it on every path).</summary>
    /// <param name="method">The method.</param>
    /// <param name="pathAndQuery">The path and query.</param>
    /// <param name="body">The body text, or <see langword="null"/>.</param>
    /// <param name="executionId">The <c>Function-Execution-Id</c> header (the invocation id), or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Http(string method, string pathAndQuery, string? body = null, string? executionId = null)
    {
        var request = KnativeEvents.Http(method, pathAndQuery, body);
        if (executionId is not null)
        {
            request.Headers.Add("Function-Execution-Id", executionId);
        }

        return request;
    }

    private static NativeRequest Json(JsonObject body, string path = "/") => new()
    {
        Method = "POST",
        Path = path,
        Headers = NativeJson.Headers(("Content-Type", "application/json")),
        Body = NativeJson.Bytes(body),
    };
}
