using System.Net;
using System.Text;
using System.Text.Json;

// A minimal hand-written Lambda runtime loop: GET /next, read ?name= from an HTTP API v2 event,
// POST an HTTP API v2 response. No SDK, no DI, no logging, no routing: the floor the Portable
// Functions AWS host is compared against (same event, same answer).
var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")
    ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set.");
var baseUri = $"http://{api}/2018-06-01/runtime/invocation/";
using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
{
    Timeout = Timeout.InfiniteTimeSpan,
};

while (true)
{
    using var next = await http.GetAsync(baseUri + "next");
    var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
    var name = "world";
    using (var document = JsonDocument.Parse(await next.Content.ReadAsByteArrayAsync()))
    {
        if (document.RootElement.TryGetProperty("queryStringParameters", out var query) && query.TryGetProperty("name", out var value))
        {
            name = value.GetString() ?? name;
        }
    }

    var buffer = new MemoryStream();
    using (var writer = new Utf8JsonWriter(buffer))
    {
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", 200);
        writer.WriteStartObject("headers");
        writer.WriteString("Content-Type", "text/plain; charset=utf-8");
        writer.WriteEndObject();
        writer.WriteString("body", $"Hello, {name}!");
        writer.WriteBoolean("isBase64Encoded", false);
        writer.WriteEndObject();
    }

    using var content = new ByteArrayContent(buffer.ToArray());
    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    using var posted = await http.PostAsync(baseUri + Uri.EscapeDataString(requestId) + "/response", content);
}
