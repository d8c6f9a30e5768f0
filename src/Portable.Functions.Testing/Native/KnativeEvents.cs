using System.Text;
using System.Text.Json.Nodes;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// CloudEvents over HTTP as a Knative broker or source delivers them, in the three content modes of the
/// CloudEvents HTTP binding (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md):
/// binary (attributes as <c>ce-*</c> headers), structured (<c>application/cloudevents+json</c>) and batch
/// (<c>application/cloudevents-batch+json</c>). The same requests reach any host that takes CloudEvents over
/// HTTP (GCP event targets, OpenFaaS, Knative).
/// </summary>
public static class KnativeEvents
{
    /// <summary>A binary-mode CloudEvent: <c>POST /</c>, <c>ce-*</c> headers, the data as the body.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="dataJson">The data as JSON text (sent as <c>application/json</c>), or <see langword="null"/> for none.</param>
    /// <param name="id">The id; generated when <see langword="null"/>.</param>
    /// <param name="source">The source.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Binary(string type, string? dataJson, string? id = null, string source = "/tests")
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        var headers = NativeJson.Headers(("ce-specversion", "1.0"), ("ce-id", id ?? NativeJson.NextId("ce")), ("ce-source", source), ("ce-type", type));
        if (dataJson is not null)
        {
            headers.Add("Content-Type", "application/json");
        }

        return new NativeRequest { Method = "POST", Path = "/", Headers = headers, Body = NativeJson.Utf8(dataJson) };
    }

    /// <summary>A structured-mode CloudEvent: <c>POST /</c>, the whole event as <c>application/cloudevents+json</c>.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="dataJson">The data as JSON text, or <see langword="null"/> for none.</param>
    /// <param name="id">The id; generated when <see langword="null"/>.</param>
    /// <param name="source">The source.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException"><paramref name="dataJson"/> is not JSON.</exception>
    public static NativeRequest Structured(string type, string? dataJson, string? id = null, string source = "/tests") => new()
    {
        Method = "POST",
        Path = "/",
        Headers = NativeJson.Headers(("Content-Type", "application/cloudevents+json")),
        Body = NativeJson.Bytes(Envelope(type, dataJson, id, source)),
    };

    /// <summary>A batch: <c>POST /</c>, a JSON array of structured events as <c>application/cloudevents-batch+json</c>.</summary>
    /// <param name="events">Each event's type and data JSON (ids generated).</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">A data value is not JSON.</exception>
    public static NativeRequest Batch(params (string Type, string? DataJson)[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var array = new JsonArray();
        foreach (var (type, data) in events)
        {
            array.Add((JsonNode)Envelope(type, data, null, "/tests"));
        }

        return new NativeRequest
        {
            Method = "POST",
            Path = "/",
            Headers = NativeJson.Headers(("Content-Type", "application/cloudevents-batch+json")),
            Body = NativeJson.Bytes(array),
        };
    }

    /// <summary>A plain HTTP request (an HTTP function behind Knative Serving).</summary>
    /// <param name="method">The method.</param>
    /// <param name="pathAndQuery">The path and query.</param>
    /// <param name="body">The body text, or <see langword="null"/>.</param>
    /// <param name="contentType">The body's content type.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Http(string method, string pathAndQuery, string? body = null, string contentType = "application/json")
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        return new NativeRequest
        {
            Method = method,
            Path = pathAndQuery,
            Headers = body is null ? new HeaderCollection() : NativeJson.Headers(("Content-Type", contentType)),
            Body = body is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body),
        };
    }

    private static JsonObject Envelope(string type, string? dataJson, string? id, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id ?? NativeJson.NextId("ce"),
            ["source"] = source,
            ["type"] = type,
        };
        if (dataJson is not null)
        {
            envelope["datacontenttype"] = "application/json";
            envelope["data"] = NativeJson.Parse(dataJson, nameof(dataJson));
        }

        return envelope;
    }
}
