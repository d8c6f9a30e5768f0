using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// Typical AWS Lambda events, each with the Runtime API's invocation headers (a fresh
/// <c>Lambda-Runtime-Aws-Request-Id</c>, an invoked-function ARN), for
/// <c>host.Native("aws").InvokeAsync(...)</c>. Shapes follow the event examples of the Lambda developer
/// guide (https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html): values a test does not state
/// are plausible constants (region <c>us-east-1</c>, account <c>123456789012</c>).
/// </summary>
public static class AwsEvents
{
    private const string Region = "us-east-1";
    private const string Account = "123456789012";

    /// <summary>
    /// An API Gateway HTTP API request, payload format 2.0
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">E.g. <c>/hello?name=Ada</c>.</param>
    /// <param name="body">The body text, or <see langword="null"/>.</param>
    /// <param name="headers">Request headers (lower-case names, as API Gateway sends them), or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static NativeRequest HttpApiRequest(string method, string pathAndQuery, string? body = null, IReadOnlyDictionary<string, string>? headers = null) =>
        HttpV2(method, pathAndQuery, body, headers, "abc123.execute-api.us-east-1.amazonaws.com");

    /// <summary>
    /// A Lambda Function URL request (payload 2.0 with a <c>.lambda-url.</c> domain;
    /// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads).
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">E.g. <c>/hello?name=Ada</c>.</param>
    /// <param name="body">The body text, or <see langword="null"/>.</param>
    /// <param name="headers">Request headers, or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static NativeRequest FunctionUrl(string method, string pathAndQuery, string? body = null, IReadOnlyDictionary<string, string>? headers = null) =>
        HttpV2(method, pathAndQuery, body, headers, "abcdefghij.lambda-url.us-east-1.on.aws");

    /// <summary>
    /// An API Gateway REST API proxy request, payload format 1.0
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format).
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">E.g. <c>/hello?name=Ada</c>.</param>
    /// <param name="body">The body text, or <see langword="null"/>.</param>
    /// <param name="headers">Request headers, or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static NativeRequest ApiGatewayV1(string method, string pathAndQuery, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var (path, query) = NativeJson.SplitPath(pathAndQuery);
        var root = Proxy(method, path, query, body, headers);
        root["resource"] = "/{proxy+}";
        root["pathParameters"] = new JsonObject { ["proxy"] = path.TrimStart('/') };
        root["stageVariables"] = null;
        root["requestContext"] = new JsonObject
        {
            ["accountId"] = Account,
            ["apiId"] = "abc123",
            ["resourcePath"] = "/{proxy+}",
            ["httpMethod"] = method,
            ["path"] = "/prod" + path,
            ["stage"] = "prod",
            ["requestId"] = NativeJson.NextId("apigw"),
            ["identity"] = new JsonObject { ["sourceIp"] = "203.0.113.7", ["userAgent"] = "tests" },
        };
        return Event(root);
    }

    /// <summary>
    /// An Application Load Balancer request to a Lambda target, single-value headers
    /// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html#receive-event-from-load-balancer).
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">E.g. <c>/hello?name=Ada</c>.</param>
    /// <param name="body">The body text, or <see langword="null"/>.</param>
    /// <param name="headers">Request headers, or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Alb(string method, string pathAndQuery, string? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var (path, query) = NativeJson.SplitPath(pathAndQuery);
        var root = Proxy(method, path, query, body, headers);
        root.Remove("multiValueHeaders");
        root.Remove("multiValueQueryStringParameters");
        root["requestContext"] = new JsonObject
        {
            ["elb"] = new JsonObject { ["targetGroupArn"] = $"arn:aws:elasticloadbalancing:{Region}:{Account}:targetgroup/tests/0123456789abcdef" },
        };
        return Event(root);
    }

    /// <summary>
    /// An SQS batch, one record per message (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html);
    /// the answer's <see cref="AwsAnswer.BatchItemFailures"/> names the message ids to redeliver.
    /// </summary>
    /// <param name="messages">Each message's id and body.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Sqs(params (string MessageId, string Body)[] messages) => Sqs(1, messages);

    /// <summary>An SQS batch whose messages were each received <paramref name="receiveCount"/> times (<c>ApproximateReceiveCount</c>, the delivery attempt).</summary>
    /// <param name="receiveCount">The receive count, 1 for a first delivery.</param>
    /// <param name="messages">Each message's id and body.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Sqs(int receiveCount, params (string MessageId, string Body)[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var records = new JsonArray();
        foreach (var (id, body) in messages)
        {
            records.Add((JsonNode)new JsonObject
            {
                ["messageId"] = id,
                ["receiptHandle"] = "AQEB" + id,
                ["body"] = body,
                ["attributes"] = new JsonObject
                {
                    ["ApproximateReceiveCount"] = receiveCount.ToString(CultureInfo.InvariantCulture),
                    ["SentTimestamp"] = "1767225600000",
                    ["SenderId"] = "AIDAIENQZJOLO23YVJ4VO",
                    ["ApproximateFirstReceiveTimestamp"] = "1767225600001",
                },
                ["messageAttributes"] = new JsonObject(),
                ["md5OfBody"] = "00000000000000000000000000000000",
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = $"arn:aws:sqs:{Region}:{Account}:tests",
                ["awsRegion"] = Region,
            });
        }

        return Event(new JsonObject { ["Records"] = records });
    }

    /// <summary>An SNS notification (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html).</summary>
    /// <param name="message">The message text.</param>
    /// <param name="subject">The subject, or <see langword="null"/>.</param>
    /// <param name="messageId">The message id; generated when <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Sns(string message, string? subject = null, string? messageId = null)
    {
        var topic = $"arn:aws:sns:{Region}:{Account}:tests";
        return Event(new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["EventVersion"] = "1.0",
                ["EventSubscriptionArn"] = topic + ":2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
                ["EventSource"] = "aws:sns",
                ["Sns"] = new JsonObject
                {
                    ["SignatureVersion"] = "1",
                    ["Timestamp"] = "2026-01-01T00:00:00.000Z",
                    ["Signature"] = "tests",
                    ["SigningCertUrl"] = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-tests.pem",
                    ["MessageId"] = messageId ?? NativeJson.NextId("sns"),
                    ["Message"] = message,
                    ["MessageAttributes"] = new JsonObject(),
                    ["Type"] = "Notification",
                    ["UnsubscribeUrl"] = "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
                    ["TopicArn"] = topic,
                    ["Subject"] = subject,
                },
            }),
        });
    }

    /// <summary>An S3 event notification (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="key">The object key (URL-encoded as S3 sends it).</param>
    /// <param name="eventName">The event name, e.g. <c>ObjectCreated:Put</c>.</param>
    /// <param name="size">The object size in bytes.</param>
    /// <returns>The request.</returns>
    public static NativeRequest S3(string bucket, string key, string eventName = "ObjectCreated:Put", long size = 1024) => Event(new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["eventVersion"] = "2.1",
            ["eventSource"] = "aws:s3",
            ["awsRegion"] = Region,
            ["eventTime"] = "2026-01-01T00:00:00.000Z",
            ["eventName"] = eventName,
            ["userIdentity"] = new JsonObject { ["principalId"] = "AWS:tests" },
            ["requestParameters"] = new JsonObject { ["sourceIPAddress"] = "203.0.113.7" },
            ["responseElements"] = new JsonObject { ["x-amz-request-id"] = NativeJson.NextId("s3"), ["x-amz-id-2"] = "tests" },
            ["s3"] = new JsonObject
            {
                ["s3SchemaVersion"] = "1.0",
                ["configurationId"] = "tests",
                ["bucket"] = new JsonObject { ["name"] = bucket, ["ownerIdentity"] = new JsonObject { ["principalId"] = "tests" }, ["arn"] = "arn:aws:s3:::" + bucket },
                ["object"] = new JsonObject { ["key"] = key, ["size"] = size, ["eTag"] = "0123456789abcdef0123456789abcdef", ["sequencer"] = "0A1B2C3D4E5F678901" },
            },
        }),
    });

    /// <summary>An EventBridge event (https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html).</summary>
    /// <param name="source">The <c>source</c>, e.g. <c>com.example.orders</c>.</param>
    /// <param name="detailType">The <c>detail-type</c> (the CloudEvent type the function is registered for).</param>
    /// <param name="detailJson">The <c>detail</c> object as JSON.</param>
    /// <param name="id">The event id; generated when <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException"><paramref name="detailJson"/> is not JSON.</exception>
    public static NativeRequest EventBridge(string source, string detailType, string detailJson, string? id = null) => Event(new JsonObject
    {
        ["version"] = "0",
        ["id"] = id ?? NativeJson.NextId("eb"),
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = Account,
        ["time"] = "2026-01-01T00:00:00Z",
        ["region"] = Region,
        ["resources"] = new JsonArray(),
        ["detail"] = NativeJson.Parse(detailJson, nameof(detailJson)),
    });

    /// <summary>
    /// A Kinesis batch, one record per data item, sequence numbers <c>1</c>, <c>2</c>, ... (base64 data as
    /// Kinesis sends it; https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html). Failures are
    /// reported by sequence number.
    /// </summary>
    /// <param name="records">Each record's partition key and data text.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Kinesis(params (string PartitionKey, string Data)[] records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var array = new JsonArray();
        var sequence = 0;
        foreach (var (partitionKey, data) in records)
        {
            var number = (++sequence).ToString(CultureInfo.InvariantCulture);
            array.Add((JsonNode)new JsonObject
            {
                ["kinesis"] = new JsonObject
                {
                    ["kinesisSchemaVersion"] = "1.0",
                    ["partitionKey"] = partitionKey,
                    ["sequenceNumber"] = number,
                    ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(data)),
                    ["approximateArrivalTimestamp"] = 1767225600.5,
                },
                ["eventSource"] = "aws:kinesis",
                ["eventVersion"] = "1.0",
                ["eventID"] = "shardId-000000000000:" + number,
                ["eventName"] = "aws:kinesis:record",
                ["invokeIdentityArn"] = $"arn:aws:iam::{Account}:role/tests",
                ["awsRegion"] = Region,
                ["eventSourceARN"] = $"arn:aws:kinesis:{Region}:{Account}:stream/tests",
            });
        }

        return Event(new JsonObject { ["Records"] = array });
    }

    /// <summary>
    /// A DynamoDB Streams batch, sequence numbers <c>1</c>, <c>2</c>, ...
    /// (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html). Failures are reported by sequence number.
    /// </summary>
    /// <param name="records">Each record's event name (<c>INSERT</c>, <c>MODIFY</c>, <c>REMOVE</c>) and <c>NewImage</c> as DynamoDB JSON (e.g. <c>{"id":{"S":"1"}}</c>).</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">An image is not JSON.</exception>
    public static NativeRequest DynamoDb(params (string EventName, string NewImageJson)[] records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var array = new JsonArray();
        var sequence = 0;
        foreach (var (eventName, image) in records)
        {
            var number = (++sequence).ToString(CultureInfo.InvariantCulture);
            array.Add((JsonNode)new JsonObject
            {
                ["eventID"] = "ddb-" + number,
                ["eventName"] = eventName,
                ["eventVersion"] = "1.1",
                ["eventSource"] = "aws:dynamodb",
                ["awsRegion"] = Region,
                ["dynamodb"] = new JsonObject
                {
                    ["ApproximateCreationDateTime"] = 1767225600,
                    ["Keys"] = new JsonObject { ["id"] = new JsonObject { ["S"] = number } },
                    ["NewImage"] = NativeJson.Parse(image, nameof(records)),
                    ["SequenceNumber"] = number,
                    ["SizeBytes"] = 26,
                    ["StreamViewType"] = "NEW_AND_OLD_IMAGES",
                },
                ["eventSourceARN"] = $"arn:aws:dynamodb:{Region}:{Account}:table/tests/stream/2026-01-01T00:00:00.000",
            });
        }

        return Event(new JsonObject { ["Records"] = array });
    }

    /// <summary>Any event JSON as given (a direct <c>Invoke</c> payload for a typed function, or a captured event).</summary>
    /// <param name="json">The event.</param>
    /// <param name="requestId">The request id; generated when <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static NativeRequest Raw(string json, string? requestId = null) => RawBytes(Encoding.UTF8.GetBytes(json), requestId);

    /// <summary>Any event bytes as given (they need not be valid JSON: the runtime's answer to bad input can be tested).</summary>
    /// <param name="bytes">The event.</param>
    /// <param name="requestId">The request id; generated when <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static NativeRequest RawBytes(ReadOnlyMemory<byte> bytes, string? requestId = null) => new()
    {
        Headers = NativeJson.Headers(
            ("Lambda-Runtime-Aws-Request-Id", requestId ?? Guid.NewGuid().ToString()),
            ("Lambda-Runtime-Invoked-Function-Arn", $"arn:aws:lambda:{Region}:{Account}:function:tests")),
        Body = bytes,
    };

    private static NativeRequest Event(JsonObject root) => RawBytes(NativeJson.Bytes(root));

    private static NativeRequest HttpV2(string method, string pathAndQuery, string? body, IReadOnlyDictionary<string, string>? headers, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var (path, query) = NativeJson.SplitPath(pathAndQuery);
        var headerObject = new JsonObject();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            headerObject[name.ToLowerInvariant()] = value;
        }

        return Event(new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = path,
            ["rawQueryString"] = query,
            ["headers"] = headerObject,
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = Account,
                ["apiId"] = domain[..domain.IndexOf('.', StringComparison.Ordinal)],
                ["domainName"] = domain,
                ["domainPrefix"] = domain[..domain.IndexOf('.', StringComparison.Ordinal)],
                ["http"] = new JsonObject { ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "203.0.113.7", ["userAgent"] = "tests" },
                ["requestId"] = NativeJson.NextId("http"),
                ["routeKey"] = "$default",
                ["stage"] = "$default",
                ["time"] = "01/Jan/2026:00:00:00 +0000",
                ["timeEpoch"] = 1767225600000,
            },
            ["body"] = body,
            ["isBase64Encoded"] = false,
        });
    }

    // Payload 1.0 (REST API, ALB): single- and multi-value headers and query parameters.
    private static JsonObject Proxy(string method, string path, string query, string? body, IReadOnlyDictionary<string, string>? headers)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var single = new JsonObject();
        var multi = new JsonObject();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            single[name] = value;
            multi[name] = new JsonArray(value);
        }

        JsonObject? queryObject = null;
        JsonObject? multiQuery = null;
        if (query.Length > 0)
        {
            queryObject = [];
            multiQuery = [];
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
                queryObject[name] = value;
                if (multiQuery[name] is JsonArray values)
                {
                    values.Add((JsonNode)value);
                }
                else
                {
                    multiQuery[name] = new JsonArray(value);
                }
            }
        }

        return new JsonObject
        {
            ["path"] = path,
            ["httpMethod"] = method,
            ["headers"] = single,
            ["multiValueHeaders"] = multi,
            ["queryStringParameters"] = queryObject,
            ["multiValueQueryStringParameters"] = multiQuery,
            ["body"] = body,
            ["isBase64Encoded"] = false,
        };
    }
}
