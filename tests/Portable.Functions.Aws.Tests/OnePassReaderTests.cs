using System.Text;
using System.Text.Json;
using Portable.Functions.Aws.Tests.BadInput;
using Portable.Functions.Hosting;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// The one-pass readers (plain ALB events, SQS batches) against the document route they short-cut:
/// the same neutral request, the same batch messages, the same answer and error for every sample and
/// every hostile payload; anything unusual is left to the document route.
/// </summary>
public sealed class OnePassReaderTests
{
    private const string Elb = """{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1"}}""";

    /// <summary>ALB events written for these tests; the plain ones must be taken by the one-pass reader.</summary>
    private static IEnumerable<(string Name, string Json, bool Plain)> AlbSamples()
    {
        yield return ("plain GET", Events.AlbSingle("GET", "/hello", """{"name":"Ada"}"""), true);
        yield return ("encoded query and path", Events.AlbSingle("GET", "/a%20b/c%2Fd", """{"q":"x%20y","e":"","n":null,"k%26":"v%3D"}"""), true);
        yield return ("empty query", Events.AlbSingle("DELETE", "/items/1"), true);
        yield return ("text body", Events.AlbSingle("POST", "/orders", body: """{"id":"o-1"}"""), true);
        yield return ("base64 body", Events.AlbSingle("PUT", "/bin", body: Convert.ToBase64String([0, 1, 2, 250, 255]), base64: true), true);
        yield return ("lower-case method, no path", $$$"""{"requestContext":{{{Elb}}},"httpMethod":"get","path":null,"headers":null,"queryStringParameters":null,"body":null,"isBase64Encoded":false}""", true);
        yield return ("null header value, escaped names", $$$"""{"requestContext":{{{Elb}}},"httpMethod":"GET","path":"/h","headers":{"x-a":null,"x-\u0062":"\u00e9t\u00e9","x-forwarded-for":"10.0.0.1"},"body":"","isBase64Encoded":false}""", true);
        yield return ("members in another order", $$$"""{"isBase64Encoded":false,"body":"b","headers":{"host":"h"},"path":"/p","httpMethod":"POST","requestContext":{{{Elb}}},"resource":"/r"}""", true);
        yield return ("null elb", """{"requestContext":{"elb":null},"httpMethod":"GET","path":"/"}""", true);

        // Left to the document route: its own rules for repeats, other members, and what it rejects.
        yield return ("header repeated in another case", $$$"""{"requestContext":{{{Elb}}},"httpMethod":"GET","path":"/","headers":{"Accept":"a","accept":"b"}}""", false);
        yield return ("header repeated exactly", $$$"""{"requestContext":{{{Elb}}},"httpMethod":"GET","path":"/","headers":{"a":"1","a":"2"}}""", false);
        yield return ("query name repeated", $$$"""{"requestContext":{{{Elb}}},"httpMethod":"GET","path":"/","queryStringParameters":{"a":"1","a":"2"}}""", false);
        yield return ("member repeated", $$$"""{"requestContext":{{{Elb}}},"httpMethod":"GET","httpMethod":"POST","path":"/"}""", false);
        yield return ("escaped member name", $$$"""{"requestContext":{{{Elb}}},"http\u004dethod":"GET","path":"/"}""", false);
        yield return ("multi-value", Events.AlbMulti("GET", "/hello", """{"a":["1","2"]}"""), false);
        yield return ("unknown member", $$$"""{"requestContext":{{{Elb}}},"httpMethod":"GET","path":"/","stageVariables":null}""", false);
        yield return ("context with more than elb", $$$"""{"requestContext":{"elb":{},"stage":"x"},"httpMethod":"GET","path":"/"}""", false);
        yield return ("header that is not valid HTTP", $$$"""{"requestContext":{{{Elb}}},"httpMethod":"GET","path":"/","headers":{"bad name":"v"}}""", false);
        yield return ("no method", $$$"""{"requestContext":{{{Elb}}},"path":"/"}""", false);
        yield return ("body not base64", Events.AlbSingle("POST", "/orders", body: "!!!", base64: true), false);
        yield return ("numeric header value", $$$"""{"requestContext":{{{Elb}}},"httpMethod":"GET","path":"/","headers":{"a":1}}""", false);
        yield return ("trailing content", Events.AlbSingle("GET", "/hello") + " {}", false);
    }

    /// <summary>SQS batches written for these tests; the plain ones must be taken by the one-pass reader.</summary>
    private static IEnumerable<(string Name, string Json, bool Plain)> SqsSamples()
    {
        const string Arn = "arn:aws:sqs:eu-west-1:123456789012:orders";
        yield return ("CloudEvent bodies", Events.Sqs(Events.SqsRecord("m-1", Events.OrderPlacedCloudEvent("e-1", "o-1")), Events.SqsRecord("m-2", Events.OrderPlacedCloudEvent("e-2", "o-2", 3), receiveCount: 4)), true);
        yield return ("JSON, text and BOM bodies", Events.Sqs(Events.SqsRecord("m-1", """{"orderId":"o-1"}"""), Events.SqsRecord("m-2", "plain text"), Events.SqsRecord("m-3", "\uFEFF{\"a\":1}"), Events.SqsRecord("m-4", "")), true);
        yield return ("bodies that mention specversion but are no event", Events.Sqs(
            Events.SqsRecord("m-1", """{"a":"\"specversion\""}"""),
            Events.SqsRecord("m-2", """{"specversion":"1.0","id":"x","source":"/s","type":"t"} trailing"""),
            Events.SqsRecord("m-3", """ "specversion" """),
            Events.SqsRecord("m-4", """{"specversion":"0.3","id":"x","source":"/s","type":"t"}"""),
            Events.SqsRecord("m-5", """  {"specversion":"1.0","id":"x","source":"/s","type":"t","data":{"a":1}}""")), true);
        yield return ("escapes in the body", Events.Sqs(Events.SqsRecord("m-1", "line\nbreak \"quoted\" \u00e9 \ud83d\ude00 \\ back")), true);
        yield return ("records from two queues", Events.Sqs(Events.SqsRecord("m-1", "a"), Events.SqsRecord("m-2", "b", arn: Arn + "-eu"), Events.SqsRecord("m-3", "c"), Events.SqsRecord("m-4", "d")), true);
        yield return ("FIFO queue", Events.Sqs(Events.SqsRecord("m-1", "a", arn: Arn + ".fifo"), Events.SqsRecord("m-2", "b", arn: Arn + ".fifo")), true);
        yield return ("trace header, null body, no attributes", $$$"""{"Records":[{"messageId":"m-1","body":null,"eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}","attributes":{"AWSTraceHeader":"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}},{"messageId":"m-2","eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}"}]}""", true);
        yield return ("no source ARN (unreadable record)", $$$"""{"Records":[{"messageId":"m-1","body":"text","eventSource":"aws:sqs"},{"messageId":"m-2","body":"{\"specversion\":\"1.0\"}","eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}"}]}""", true);
        yield return ("receive count and timestamp not numbers", $$$"""{"Records":[{"messageId":"m-1","body":"x","eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}","attributes":{"ApproximateReceiveCount":"many","SentTimestamp":"soon"}}]}""", true);
        yield return ("receive counts and timestamps escaped, signed, padded, too large or null", "{\"Records\":[" + string.Join(",",
            SqsNumbers("m-1", "\"\\u0032\"", "\"\\u0031700000000123\""),
            SqsNumbers("m-2", "\" 3 \"", "\"+1700000000123\""),
            SqsNumbers("m-3", "\"-1\"", "\"1700000000123 \""),
            SqsNumbers("m-4", "\"99999999999\"", "\"99999999999999999\""),
            SqsNumbers("m-5", "null", "null"),
            SqsNumbers("m-6", "\"+7\"", "\"0\"")) + "]}", true);

        // Left to the document route.
        yield return ("messageId repeated", $$$"""{"Records":[{"messageId":"m-1","messageId":"m-2","body":"x","eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}"}]}""", false);
        yield return ("escaped member name", $$$"""{"Records":[{"message\u0049d":"m-1","body":"x","eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}"}]}""", false);
        yield return ("no messageId", $$$"""{"Records":[{"body":"x","eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}"}]}""", false);
        yield return ("numeric messageId", $$$"""{"Records":[{"messageId":1,"body":"x","eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}"}]}""", false);
        yield return ("another member beside Records", "{\"extra\":1," + Events.Sqs(Events.SqsRecord("m-1", "x"))[1..], false);
        yield return ("first record not SQS", Events.Kinesis(Events.KinesisRecord("1", "eA==")), false);
        yield return ("no records", """{"Records":[]}""", false);
        yield return ("attributes not an object", $$$"""{"Records":[{"messageId":"m-1","body":"x","eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}","attributes":[]}]}""", false);
        yield return ("body not a string", $$$"""{"Records":[{"messageId":"m-1","body":{"a":1},"eventSource":"aws:sqs","eventSourceARN":"{{{Arn}}}"}]}""", false);
    }

    /// <summary>A text-body SQS record (so its time is the sent timestamp) with the two numeric attributes as raw JSON values.</summary>
    private static string SqsNumbers(string id, string receiveCount, string sentTimestamp) =>
        $$$"""{"messageId":"{{{id}}}","body":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:orders","attributes":{"ApproximateReceiveCount":{{{receiveCount}}},"SentTimestamp":{{{sentTimestamp}}}}}""";

    [Fact]
    public void OnePassAlbReader_GivesTheDocumentRoutesRequest_ForEveryPlainAlbEvent()
    {
        foreach (var (name, json, plain) in AlbSamples())
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var read = AlbEventReader.TryRead(bytes, out var fast);
            Assert.True(read == plain, $"{name}: one-pass reader {(read ? "took" : "left")} it");
            if (read)
            {
                AssertSameRequest(name, DocumentRoute(bytes), fast!);
            }
        }
    }

    [SkippableFact]
    public void OnePassAlbReader_GivesTheDocumentRoutesRequest_ForTheSharedAlbFixtures()
    {
        var root = SharedFixtures.RequireFolder("aws-events");
        var taken = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(root, "alb"), "*.json").Order(StringComparer.Ordinal))
        {
            var bytes = SharedFixtures.ReadWithoutBom(file);
            if (!AlbEventReader.TryRead(bytes, out var fast))
            {
                continue;
            }

            taken++;
            AssertSameRequest(Path.GetFileName(file), DocumentRoute(bytes), fast!);
        }

        Assert.True(taken > 0, "no shared ALB fixture was taken by the one-pass reader");
    }

    [Fact]
    public void OnePassSqsReader_GivesTheDocumentRoutesBatchMessages_ForEveryPlainBatch()
    {
        foreach (var (name, json, plain) in SqsSamples())
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var records = SqsBatchReader.TryRead(bytes);
            Assert.True((records is not null) == plain, $"{name}: one-pass reader {(records is null ? "left" : "took")} it");
            if (records is not null)
            {
                using var document = JsonDocument.Parse(bytes);
                Assert.Equal(EventShape.Sqs, EventShapeDetector.Detect(document.RootElement));
                AssertSameMessages(name, AwsRecordProcessor.ReadSqs(document.RootElement.GetProperty("Records")), AwsRecordProcessor.ReadSqs(records));
            }
        }
    }

    [SkippableFact]
    public void OnePassSqsReader_GivesTheDocumentRoutesBatchMessages_ForTheSharedSqsFixtures()
    {
        var root = SharedFixtures.RequireFolder("aws-events");
        var taken = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(root, "sqs"), "*.json").Order(StringComparer.Ordinal))
        {
            var bytes = SharedFixtures.ReadWithoutBom(file);
            if (SqsBatchReader.TryRead(bytes) is not { } records)
            {
                continue;
            }

            taken++;
            using var document = JsonDocument.Parse(bytes);
            AssertSameMessages(Path.GetFileName(file), AwsRecordProcessor.ReadSqs(document.RootElement.GetProperty("Records")), AwsRecordProcessor.ReadSqs(records));
        }

        Assert.True(taken > 0, "no shared SQS fixture was taken by the one-pass reader");
    }

    [Fact]
    public async Task Dispatcher_AnswersEverySampleAndHostilePayloadAlike_WithAndWithoutOnePassReaders()
    {
        var payloads = AlbSamples().Concat(SqsSamples()).Select(s => (s.Name, Encoding.UTF8.GetBytes(s.Json)))
            .Concat(AwsBadInputCorpus.All())
            .ToList();
        Assert.True(payloads.Count > 200);
        foreach (var (name, payload) in payloads)
        {
            await AssertSameAnswerAsync(name, payload);
        }
    }

    [SkippableFact]
    public async Task Dispatcher_AnswersEverySharedAlbAndSqsFixtureAlike_WithAndWithoutOnePassReaders()
    {
        var root = SharedFixtures.RequireFolder("aws-events");
        foreach (var file in Directory.GetFiles(Path.Combine(root, "alb"), "*.json").Concat(Directory.GetFiles(Path.Combine(root, "sqs"), "*.json")))
        {
            await AssertSameAnswerAsync(Path.GetFileName(file), File.ReadAllBytes(file));
        }
    }

    [Fact]
    public async Task SqsBatch_ThroughOnePassReader_NamesTheSameFailedMessagesAsTheDocumentRoute()
    {
        // m-2's handler fails and m-3 cannot be mapped (no source ARN): both must be named for a retry.
        var json = """{"Records":[""" + Events.SqsRecord("m-1", "ok") + "," + Events.SqsRecord("m-2", "fail") + ","
            + """{"messageId":"m-3","body":"x","eventSource":"aws:sqs"}""" + "]}";
        Assert.NotNull(SqsBatchReader.TryRead(Encoding.UTF8.GetBytes(json)));
        static Task Fail(CloudEvent e) => Encoding.UTF8.GetString(e.Data.Span) == "fail" ? throw new InvalidOperationException("handler failed") : Task.CompletedTask;
        await using var fast = new CapturingApp(Fail, onePass: true);
        await using var document = new CapturingApp(Fail, onePass: false);

        var fastResult = await fast.DispatchAsync(json);
        var documentResult = await document.DispatchAsync(json);

        Assert.Equal(Encoding.UTF8.GetString(documentResult.Payload.Span), Encoding.UTF8.GetString(fastResult.Payload.Span));
        using var answer = JsonDocument.Parse(fastResult.Payload);
        Assert.Equal(["m-2", "m-3"], answer.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
        Assert.Equal(2, fast.CloudEvents.Count);
    }

    [Fact]
    public void SqsBody_MentioningSpecversion_IsDeliveredAsAnEventOnlyWhenItIsAValidOne()
    {
        var json = SqsSamples().Single(s => s.Name == "bodies that mention specversion but are no event").Json;
        var messages = AwsRecordProcessor.ReadSqs(SqsBatchReader.TryRead(Encoding.UTF8.GetBytes(json))!);

        Assert.Equal(("com.amazonaws.sqs.message", "application/json"), (messages[0].Event!.Type, messages[0].Event!.DataContentType));
        Assert.Equal(("com.amazonaws.sqs.message", "text/plain; charset=utf-8"), (messages[1].Event!.Type, messages[1].Event!.DataContentType));
        Assert.Equal(("com.amazonaws.sqs.message", "application/json"), (messages[2].Event!.Type, messages[2].Event!.DataContentType));
        Assert.Null(messages[3].Event);
        Assert.Contains("specversion", messages[3].Problem!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("x", "t", """{"a":1}"""), (messages[4].Event!.Id, messages[4].Event!.Type, Encoding.UTF8.GetString(messages[4].Event!.Data.Span)));
    }

    private static FunctionRequest DocumentRoute(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        Assert.Equal(EventShape.Alb, EventShapeDetector.Detect(document.RootElement));
        return AwsHttpMapper.FromProxy(HttpEventReader.ReadProxy(document.RootElement), isAlb: true);
    }

    private static async Task AssertSameAnswerAsync(string name, byte[] payload)
    {
        await using var fast = new CapturingApp(onePass: true);
        await using var document = new CapturingApp(onePass: false);

        var fastResult = await fast.DispatchAsync(payload);
        var documentResult = await document.DispatchAsync(payload);

        Assert.True(documentResult.Error?.ErrorType == fastResult.Error?.ErrorType, $"{name}: error type {fastResult.Error?.ErrorType} vs {documentResult.Error?.ErrorType}");
        Assert.True(documentResult.Error?.ErrorMessage == fastResult.Error?.ErrorMessage, $"{name}: error {fastResult.Error?.ErrorMessage} vs {documentResult.Error?.ErrorMessage}");
        var expected = Encoding.UTF8.GetString(documentResult.Payload.Span);
        var actual = Encoding.UTF8.GetString(fastResult.Payload.Span);
        Assert.True(expected == actual, $"{name}: answer {actual} vs {expected}");
        Assert.Equal(document.Requests.Count, fast.Requests.Count);
        for (var i = 0; i < fast.Requests.Count; i++)
        {
            AssertSameRequest(name, document.Requests[i], fast.Requests[i]);
            Assert.Equal(document.Bodies[i], fast.Bodies[i]);
        }

        Assert.Equal(document.CloudEvents.Select(CloudEventJson.Serialize), fast.CloudEvents.Select(CloudEventJson.Serialize));
    }

    private static void AssertSameRequest(string name, FunctionRequest expected, FunctionRequest actual)
    {
        Assert.True(expected.Method == actual.Method, $"{name}: method");
        Assert.True(expected.Path == actual.Path, $"{name}: path {actual.Path} vs {expected.Path}");
        Assert.True(expected.QueryString == actual.QueryString, $"{name}: query {actual.QueryString} vs {expected.QueryString}");
        Assert.True(expected.RemoteIpAddress == actual.RemoteIpAddress, $"{name}: remote address");
        Assert.Equal(Describe(expected.Headers), Describe(actual.Headers));
        Assert.Equal(expected.Query.Select(p => p.Key + "=" + p.Value), actual.Query.Select(p => p.Key + "=" + p.Value));
        Assert.Equal(expected.User?.Identity?.IsAuthenticated, actual.User?.Identity?.IsAuthenticated);
        if (expected.Body.CanSeek && actual.Body.CanSeek)
        {
            Assert.Equal(ReadAll(expected.Body), ReadAll(actual.Body));
        }
    }

    private static void AssertSameMessages(string name, List<BatchMessage> expected, List<BatchMessage> actual)
    {
        Assert.True(expected.Count == actual.Count, $"{name}: count");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.True(e.Id == a.Id, $"{name}: id");
            Assert.True(e.DeliveryAttempt == a.DeliveryAttempt, $"{name}: attempt of {e.Id}");
            Assert.True(e.Problem?.Message == a.Problem?.Message, $"{name}: problem of {e.Id}: {a.Problem?.Message} vs {e.Problem?.Message}");
            Assert.Equal(e.Event is null ? null : Encoding.UTF8.GetString(CloudEventJson.Serialize(e.Event)), a.Event is null ? null : Encoding.UTF8.GetString(CloudEventJson.Serialize(a.Event)));
            Assert.Equal(e.Message?.System, a.Message?.System);
            Assert.Equal(e.Message?.DestinationName, a.Message?.DestinationName);
            Assert.Equal(e.Message?.MessageId, a.Message?.MessageId);
            Assert.Equal(e.Message?.BatchMessageCount, a.Message?.BatchMessageCount);
            Assert.Equal(e.Message?.TraceParent, a.Message?.TraceParent);
        }
    }

    private static List<string> Describe(HeaderCollection headers) => [.. headers.Select(h => h.Key + ": " + string.Join(" | ", h.Value.ToArray()))];

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.Position = 0;
        stream.CopyTo(copy);
        stream.Position = 0;
        return copy.ToArray();
    }
}
