using System.Net.Http.Headers;
using System.Text.Json;
using ManualLambdaLoop;

// Baseline for the AWS subjects: the Runtime API loop (next → response → next) for an API Gateway
// HTTP API (v2) event, with source-generated JSON and no Amazon.Lambda.* package. Error reporting
// and the rest of the contract are left out; that is what "minimal" means here.
var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")
    ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set.");

// The process may be frozen between invokes, so the long poll on /next must never time out.
using var http = new HttpClient { BaseAddress = new Uri("http://" + api + "/2018-06-01/runtime/"), Timeout = Timeout.InfiniteTimeSpan };
while (true)
{
    using var next = await http.GetAsync("invocation/next", HttpCompletionOption.ResponseContentRead);
    next.EnsureSuccessStatusCode();
    var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
    var body = await next.Content.ReadAsByteArrayAsync();
    var request = JsonSerializer.Deserialize(body, LoopJsonContext.Default.HttpApiRequest);
    var name = request?.QueryStringParameters?.GetValueOrDefault("name") is { Length: > 0 } given ? given : "world";
    var response = new HttpApiResponse(200, "Hello, " + name + "!", new Dictionary<string, string> { ["content-type"] = "text/plain; charset=utf-8" });
    using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(response, LoopJsonContext.Default.HttpApiResponse));
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var posted = await http.PostAsync("invocation/" + requestId + "/response", content);
}
