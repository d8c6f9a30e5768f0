using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portable.Functions.Tests.Shared;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp.Tests;

/// <summary>
/// The 17 event cases of the Functions Framework conformance data
/// (<c>../shared/fixtures/gcp-conformance/events/generate/data</c>) and the requests the conformance
/// client builds from them. Names are listed here so the theories exist (and skip) without the folder.
/// </summary>
internal static class ConformanceCases
{
    public static readonly string[] Names =
    [
        "firebase-auth", "firebase-db1", "firebase-db2", "firebase-db3", "firebase-db4", "firebase-db5", "firebase-db6",
        "firebase-db7", "firebase-db8", "firebase-dbdelete1", "firebase-dbdelete2", "firestore_complex", "firestore_simple",
        "legacy_pubsub", "pubsub_binary", "pubsub_text", "storage",
    ];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>A case's file, skipping the test when the shared fixtures are absent.</summary>
    public static string File(string name, string suffix)
    {
        var folder = SharedFixtures.RequireFolder("gcp-conformance/events/generate/data");
        return Path.Combine(folder, $"{name}-{suffix}.json");
    }

    public static byte[] Read(string name, string suffix) => SharedFixtures.ReadWithoutBom(File(name, suffix));

    /// <summary>The legacy request: <c>POST /</c>, <c>Content-Type: application/json</c> exactly, the file as body.</summary>
    public static HttpRequestMessage Legacy(string name)
    {
        var content = new ByteArrayContent(Read(name, "legacy-input"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
    }

    /// <summary>
    /// The CloudEvent in binary mode, as the Go SDK client sends it: every attribute but
    /// <c>data</c>/<c>datacontenttype</c> as a <c>ce-</c> header, <c>Content-Type</c> = datacontenttype,
    /// the body = the JSON of <c>data</c>.
    /// </summary>
    public static HttpRequestMessage BinaryCloudEvent(string name)
    {
        using var document = JsonDocument.Parse(Read(name, "cloudevent-input"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/");
        var body = Array.Empty<byte>();
        var contentType = "application/json";
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "data":
                    body = Encoding.UTF8.GetBytes(property.Value.GetRawText());
                    break;
                case "datacontenttype":
                    contentType = property.Value.GetString()!;
                    break;
                default:
                    request.Headers.TryAddWithoutValidation("ce-" + property.Name, property.Value.GetString());
                    break;
            }
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Content = content;
        return request;
    }

    /// <summary>The CloudEvent in structured mode: the input file as <c>application/cloudevents+json</c>.</summary>
    public static HttpRequestMessage StructuredCloudEvent(string name)
    {
        var content = new ByteArrayContent(Read(name, "cloudevent-input"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents+json; charset=utf-8");
        return new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
    }
}
