using System.Text;
using HelloHttp;

namespace Portable.Benchmarks;

/// <summary>
/// The project's own small native payloads (shapes per each platform's documentation), one realistic
/// request each: what API Gateway, an ALB, a Function URL, SQS and the Azure Functions host send for
/// <c>GET /hello?name=Ada</c> or a batch of order events.
/// </summary>
internal static class NativePayloads
{
    public static readonly byte[] HttpApiV2 = Utf8(HttpApi("abc123.execute-api.eu-west-1.amazonaws.com"));

    // Function URLs use the HTTP API v2 shape; the adapter tells them apart by the domain.
    public static readonly byte[] FunctionUrl = Utf8(HttpApi("xyz789.lambda-url.eu-west-1.on.aws"));

    public static readonly byte[] Alb = Utf8("""
        {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/hello/6d0ecf831eec9f09"}},
         "httpMethod":"GET","path":"/hello","queryStringParameters":{"name":"Ada"},
         "headers":{"accept":"text/plain","accept-encoding":"gzip","host":"lb-123.eu-west-1.elb.amazonaws.com","user-agent":"curl/8.5.0",
           "x-amzn-trace-id":"Root=1-5bdb40ca-556d8b0c50dc66f0511bf520","x-forwarded-for":"203.0.113.7","x-forwarded-port":"443","x-forwarded-proto":"https"},
         "body":"","isBase64Encoded":false}
        """);

    /// <summary>Ten SQS messages whose bodies are structured <c>com.example.order.placed</c> CloudEvents.</summary>
    public static readonly byte[] SqsBatchOfTen = Utf8("{\"Records\":[" + string.Join(",", Enumerable.Range(1, 10).Select(SqsRecord)) + "]}");

    public static readonly byte[] AzureHttp = Utf8("""
        {"Data":{"req":{"Url":"https://hello-app.azurewebsites.net/api/hello?name=Ada","Method":"GET","Query":{"name":"Ada"},
           "Headers":{"Accept":["text/plain"],"Host":["hello-app.azurewebsites.net"],"User-Agent":["curl/8.5.0"],"X-Forwarded-For":["203.0.113.7:52144"],
             "traceparent":["00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]},
           "Params":{},"Identities":[]}},
         "Metadata":{"name":"Ada","Query":{"name":"Ada"},"Headers":{"Accept":"text/plain","Host":"hello-app.azurewebsites.net"},
           "sys":{"MethodName":"hello","UtcNow":"2026-11-25T02:00:00.0000000Z","RandGuid":"0b6ba0f2-8b8e-4d1e-9d6c-6f6c6b2f0a11"}}}
        """);

    private static string HttpApi(string domain) => $$"""
        {"version":"2.0","routeKey":"$default","rawPath":"/hello","rawQueryString":"name=Ada",
         "headers":{"accept":"text/plain","accept-encoding":"gzip","host":"{{domain}}","user-agent":"curl/8.5.0",
           "x-amzn-trace-id":"Root=1-5bdb40ca-556d8b0c50dc66f0511bf520","x-forwarded-for":"203.0.113.7","x-forwarded-port":"443","x-forwarded-proto":"https"},
         "queryStringParameters":{"name":"Ada"},
         "requestContext":{"accountId":"123456789012","apiId":"abc123","domainName":"{{domain}}","domainPrefix":"abc123",
           "http":{"method":"GET","path":"/hello","protocol":"HTTP/1.1","sourceIp":"203.0.113.7","userAgent":"curl/8.5.0"},
           "requestId":"JKJaXmPLvHcESHA=","routeKey":"$default","stage":"$default","time":"25/Nov/2026:02:00:00 +0000","timeEpoch":1795658400000},
         "isBase64Encoded":false}
        """;

    private static string SqsRecord(int i)
    {
        var body = $$$"""{"specversion":"1.0","id":"e-{{{i}}}","source":"/shop","type":"{{{HelloHttpApp.OrderPlacedType}}}","datacontenttype":"application/json","data":{"orderId":"o-{{{i}}}","quantity":{{{i}}}}}""";
        var escaped = body.Replace("\"", "\\\"", StringComparison.Ordinal);
        return $$"""
            {"messageId":"059f36b4-87a3-44ab-83d2-66197599760{{i % 10}}","receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a","body":"{{escaped}}",
             "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1795658400123","SenderId":"AIDAIENQZJOLO23YVJ4VO","ApproximateFirstReceiveTimestamp":"1795658400200"},
             "messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
             "eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:orders","awsRegion":"eu-west-1"}
            """;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
