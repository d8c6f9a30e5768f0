using System.Globalization;
using System.Text.Json;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// The project's own small event fixtures, written for these tests (shapes per the AWS docs). Templates
/// use <c>@name@</c> placeholders: JSON braces and C# interpolation do not mix well.
/// </summary>
internal static class Events
{
    public static string HttpApi(string method, string rawPath, string rawQuery = "", string? body = null, bool base64 = false, string stage = "$default", string headers = """{"accept":"*/*"}""", string? cookies = null, string domain = "abc123.execute-api.eu-west-1.amazonaws.com") => Fill(
        """
        {"version":"2.0","routeKey":"$default","rawPath":"@path@","rawQueryString":"@query@",@cookies@
         "headers":@headers@,
         "requestContext":{"accountId":"123456789012","apiId":"abc123","domainName":"@domain@","stage":"@stage@","requestId":"r1",
           "http":{"method":"@method@","path":"@path@","protocol":"HTTP/1.1","sourceIp":"203.0.113.7","userAgent":"test"}},
         "body":@body@,"isBase64Encoded":@base64@}
        """,
        ("path", rawPath), ("query", rawQuery), ("cookies", cookies is null ? string.Empty : "\"cookies\":" + cookies + ","), ("headers", headers),
        ("domain", domain), ("stage", stage), ("method", method), ("body", Quote(body)), ("base64", base64 ? "true" : "false"));

    public static string FunctionUrl(string method, string rawPath, string rawQuery = "", string? body = null, string headers = """{"accept":"*/*"}""") =>
        HttpApi(method, rawPath, rawQuery, body, headers: headers, domain: "xyz.lambda-url.eu-west-1.on.aws");

    public static string RestApi(string method, string path, string query = "null", string multiQuery = "null", string? body = null, bool base64 = false, string headers = "null", string multiHeaders = "null") => Fill(
        """
        {"resource":"/{proxy+}","path":"@path@","httpMethod":"@method@",
         "headers":@headers@,"multiValueHeaders":@multiHeaders@,
         "queryStringParameters":@query@,"multiValueQueryStringParameters":@multiQuery@,
         "pathParameters":null,"stageVariables":null,
         "requestContext":{"accountId":"123456789012","resourceId":"x","stage":"prod","requestId":"r1","path":"/prod@path@",
           "identity":{"sourceIp":"198.51.100.9"},"authorizer":{"claims":{"sub":"user-1","email":"a@example.com"}}},
         "body":@body@,"isBase64Encoded":@base64@}
        """,
        ("path", path), ("method", method), ("headers", headers), ("multiHeaders", multiHeaders), ("query", query), ("multiQuery", multiQuery),
        ("body", Quote(body)), ("base64", base64 ? "true" : "false"));

    public static string AlbSingle(string method, string path, string query = "{}", string? body = null, bool base64 = false) => Fill(
        """
        {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1"}},
         "httpMethod":"@method@","path":"@path@","queryStringParameters":@query@,
         "headers":{"host":"lb.example.com","x-forwarded-for":"192.0.2.1, 192.0.2.44","content-type":"application/json"},
         "body":@body@,"isBase64Encoded":@base64@}
        """,
        ("method", method), ("path", path), ("query", query), ("body", Quote(body ?? string.Empty)), ("base64", base64 ? "true" : "false"));

    public static string AlbMulti(string method, string path, string query = "{}") => Fill(
        """
        {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1"}},
         "httpMethod":"@method@","path":"@path@","multiValueQueryStringParameters":@query@,
         "multiValueHeaders":{"host":["lb.example.com"],"accept":["text/plain","application/json"]},
         "body":"","isBase64Encoded":false}
        """,
        ("method", method), ("path", path), ("query", query));

    public static string SqsRecord(string messageId, string body, string arn = "arn:aws:sqs:eu-west-1:123456789012:orders", int receiveCount = 1) => Fill(
        """
        {"messageId":"@id@","receiptHandle":"h","body":@body@,
         "attributes":{"ApproximateReceiveCount":"@count@","SentTimestamp":"1700000000123","SenderId":"S","ApproximateFirstReceiveTimestamp":"1700000000200"},
         "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"@arn@","awsRegion":"eu-west-1"}
        """,
        ("id", messageId), ("body", Quote(body)), ("count", receiveCount.ToString(CultureInfo.InvariantCulture)), ("arn", arn));

    public static string Sqs(params string[] records) => "{\"Records\":[" + string.Join(",", records) + "]}";

    public static string OrderPlacedCloudEvent(string id, string orderId, int quantity = 1) => Fill(
        """{"specversion":"1.0","id":"@id@","source":"/shop","type":"com.example.order.placed","datacontenttype":"application/json","data":{"orderId":"@order@","quantity":@quantity@}}""",
        ("id", id), ("order", orderId), ("quantity", quantity.ToString(CultureInfo.InvariantCulture)));

    public static string KinesisRecord(string sequence, string dataBase64) => Fill(
        """
        {"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"pk-1","sequenceNumber":"@seq@","data":"@data@","approximateArrivalTimestamp":1700000000.5},
         "eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"shardId-000000000000:@seq@","eventName":"aws:kinesis:record",
         "invokeIdentityArn":"arn:aws:iam::123456789012:role/r","awsRegion":"eu-west-1","eventSourceARN":"arn:aws:kinesis:eu-west-1:123456789012:stream/s"}
        """,
        ("seq", sequence), ("data", dataBase64));

    public static string Kinesis(params string[] records) => "{\"Records\":[" + string.Join(",", records) + "]}";

    /// <summary>A JSON string literal, or <c>null</c>.</summary>
    public static string Quote(string? value) => value is null ? "null" : JsonSerializer.Serialize(value, TestJsonContext.Default.String);

    private static string Fill(string template, params (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            template = template.Replace("@" + name + "@", value, StringComparison.Ordinal);
        }

        return template;
    }
}
