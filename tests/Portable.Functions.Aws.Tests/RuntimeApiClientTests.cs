using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// <see cref="RuntimeApiClient"/> and <see cref="RuntimeApiConnection"/> on the wire, against a scripted
/// raw HTTP/1.1 server on loopback that writes exact bytes: the invocation read from <c>/next</c>
/// (headers ignoring case, <c>Content-Length</c>, chunked and read-to-close bodies, interim 1xx), the
/// requests written (paths, heads, bodies, error documents), keep-alive reuse and when a connection is
/// not reused (<c>Connection: close</c>, HTTP/1.0, cancellation), the single retry when the server closed an
/// idle kept-alive connection, and the answers that must be fatal rather than a hang (malformed status
/// line, head over the limit, body cut short, 500, unreachable endpoint).
/// </summary>
public sealed class RuntimeApiClientTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private static readonly byte[] s_accepted = Response("HTTP/1.1 202 Accepted", """{"status":"OK"}""");

    [Fact]
    public async Task NextAnswer_WithContentLength_BecomesTheInvocation_WithEveryHeader()
    {
        // Non-ASCII bytes and a blank line inside the body: it is framed by Content-Length, not parsed.
        var body = Encoding.UTF8.GetBytes("{\"greeting\":\"grüß dich\",\r\n\r\n\"n\":1}");
        byte[] answer =
        [
            .. Raw(
                "HTTP/1.1 200 OK\r\n"
                + "content-type: application/json\r\n"
                + "lambda-runtime-aws-request-id: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\n"
                + "LAMBDA-RUNTIME-DEADLINE-MS: 1542409706888\r\n"
                + "lambda-runtime-invoked-function-arn: arn:aws:lambda:us-east-2:123456789012:function:custom-runtime:live\r\n"
                + "Lambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1\r\n"
                + "lambda-runtime-client-context: {\"client\":{\"installation_id\":\"i-1\"},\"custom\":{\"k\":\"v\"}}\r\n"
                + "lambda-runtime-cognito-identity: {\"cognitoIdentityId\":\"us-east-2:abc\",\"cognitoIdentityPoolId\":\"us-east-2:pool\"}\r\n"
                // Optional whitespace around a field value is not part of the value (RFC 9110 section 5.5).
                + "lambda-runtime-aws-tenant-id:\t tenant-42 \r\n"
                + $"content-length: {body.Length}\r\n\r\n"),
            .. body,
        ];
        await using var server = new ScriptedServer(Answers(answer));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);

        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", invocation.RequestId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1542409706888), invocation.Deadline);
        Assert.Equal("arn:aws:lambda:us-east-2:123456789012:function:custom-runtime:live", invocation.FunctionArn);
        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", invocation.TraceId);
        Assert.Equal("{\"client\":{\"installation_id\":\"i-1\"},\"custom\":{\"k\":\"v\"}}", invocation.ClientContext);
        Assert.Equal("{\"cognitoIdentityId\":\"us-east-2:abc\",\"cognitoIdentityPoolId\":\"us-east-2:pool\"}", invocation.CognitoIdentity);
        Assert.Equal("tenant-42", invocation.TenantId);
        Assert.Equal(body, invocation.Event.ToArray());
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET /2018-06-01/runtime/invocation/next HTTP/1.1", request.RequestLine);
        Assert.Equal(server.Address, request.Header("Host"));
        Assert.Null(request.Header("Content-Length"));
        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task NextAnswer_WithoutOptionalHeaders_LeavesThemNull()
    {
        await using var server = new ScriptedServer(Answers(Response("HTTP/1.1 200 OK", "{}", "Lambda-Runtime-Aws-Request-Id: r-1\r\n")));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);

        Assert.Equal("r-1", invocation.RequestId);
        Assert.Null(invocation.Deadline);
        Assert.Null(invocation.FunctionArn);
        Assert.Null(invocation.TraceId);
        Assert.Null(invocation.ClientContext);
        Assert.Null(invocation.CognitoIdentity);
        Assert.Null(invocation.TenantId);
        Assert.Equal("{}", Encoding.UTF8.GetString(invocation.Event.Span));
    }

    [Fact]
    public async Task NextAnswer_WithoutRequestId_IsFatal()
    {
        await using var server = new ScriptedServer(Answers(Response("HTTP/1.1 200 OK", "{}")));
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("Lambda-Runtime-Aws-Request-Id", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextAnswer_Chunked_InSeveralPiecesAndReads_IsReassembled()
    {
        // Each piece is a separate write after a pause, so the client's reads end inside the blank line of the
        // head, between a chunk size and its CRLF, inside chunk data, between CR and LF, inside a chunk
        // extension and inside the trailer section.
        string[] pieces =
        [
            "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-chunked\r\nTransfer-Encoding: chunked\r\n\r",
            "\n5",
            "\r\n{\"a\"",
            ":\r",
            "\n1A;x",
            "=1\r\n\"0123456789",
            "abcdefghijklmn\"\r\n7\r\n,\"b\":1}\r\n0\r\nX-Checksum: a",
            "bc\r\n",
            "\r\n",
        ];
        Assert.Equal(
            "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\n{\"a\":\r\n1A;x=1\r\n\"0123456789abcdefghijklmn\"\r\n7\r\n,\"b\":1}\r\n0\r\nX-Checksum: abc\r\n\r\n",
            string.Concat(pieces));
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WritePiecesAsync([.. pieces.Select(Raw)]);
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Next("r-after"));
            await connection.ReadRequestAsync();
        });
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);
        var after = await client.NextAsync(default).WaitAsync(s_timeout);

        Assert.Equal("r-chunked", invocation.RequestId);
        Assert.Equal("{\"a\":\"0123456789abcdefghijklmn\",\"b\":1}", Encoding.UTF8.GetString(invocation.Event.Span));
        // The message ended exactly after the trailer section: the next answer on the connection parses.
        Assert.Equal("r-after", after.RequestId);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task NextAnswer_LargeEvent_IsReadWhole()
    {
        var body = new byte[6 * 1024 * 1024];
        new Random(7).NextBytes(body);
        byte[] answer = [.. Raw($"HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-big\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];
        await using var server = new ScriptedServer(Answers(answer));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);

        Assert.Equal(body.Length, invocation.Event.Length);
        Assert.True(body.AsSpan().SequenceEqual(invocation.Event.Span));
    }

    [Fact]
    public async Task NextAnswer_LargeChunkedEvent_IsReadWhole()
    {
        // Lambda's Runtime API chunks every event over 2 KB; chunks of varied sizes put the size lines at every
        // offset of the client's read buffer as it compacts and grows.
        var body = new byte[1024 * 1024];
        new Random(11).NextBytes(body);
        var chunked = new MemoryStream();
        chunked.Write(Raw("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-big\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var sizes = new Random(13);
        for (var offset = 0; offset < body.Length;)
        {
            var size = Math.Min(sizes.Next(1, 9000), body.Length - offset);
            chunked.Write(Raw(size.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            chunked.Write(body, offset, size);
            chunked.Write("\r\n"u8);
            offset += size;
        }

        chunked.Write("0\r\n\r\n"u8);
        await using var server = new ScriptedServer(Answers(chunked.ToArray(), Next("r-after")));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);
        var after = await client.NextAsync(default).WaitAsync(s_timeout);

        Assert.Equal("r-big", invocation.RequestId);
        Assert.Equal(body.Length, invocation.Event.Length);
        Assert.True(body.AsSpan().SequenceEqual(invocation.Event.Span));
        Assert.Equal("r-after", after.RequestId);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task NextAnswer_BodyToTheConnectionsEnd_IsTheEvent_AndTheConnectionIsNotReused()
    {
        // Neither Content-Length nor Transfer-Encoding: the body is everything up to the close (RFC 9112 section 6.3).
        await using var server = new ScriptedServer(
            async connection =>
            {
                await connection.ReadRequestAsync();
                await connection.WriteAsync(Raw("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\n\r\n{\"until\":"));
                await connection.WriteAsync(Raw("\"close\"}"));
                connection.Close();
            },
            Answers(s_accepted));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);
        var status = await client.PostResponseAsync(invocation.RequestId, "{}"u8.ToArray(), default).WaitAsync(s_timeout);

        Assert.Equal("{\"until\":\"close\"}", Encoding.UTF8.GetString(invocation.Event.Span));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, server.Accepted);
        Assert.Equal([0, 1], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public async Task TwoCalls_ReuseOneKeptAliveConnection()
    {
        var payload = Encoding.UTF8.GetBytes("{\"statusCode\":200,\"body\":\"grüß\"}");
        await using var server = new ScriptedServer(Answers(Next("r-1"), s_accepted));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);
        var status = await client.PostResponseAsync(invocation.RequestId, payload, default).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(1, server.Accepted);
        Assert.Collection(
            server.Requests,
            next => Assert.Equal("GET /2018-06-01/runtime/invocation/next HTTP/1.1", next.RequestLine),
            post =>
            {
                Assert.Equal(0, post.Connection);
                Assert.Equal("POST /2018-06-01/runtime/invocation/r-1/response HTTP/1.1", post.RequestLine);
                Assert.Contains($"\r\nContent-Length: {payload.Length}\r\n", post.Head, StringComparison.Ordinal);
                Assert.Contains("\r\nContent-Type: application/json\r\n", post.Head, StringComparison.Ordinal);
                Assert.Equal(server.Address, post.Header("Host"));
                Assert.Equal(payload, post.Body);
            });
    }

    [Fact]
    public async Task ConcurrentNextCalls_EachTakeAConnection_ThenBothAreReused()
    {
        var nexts = 0;
        var bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<ScriptedConnection, Task> answer = async connection =>
        {
            while (await connection.ReadRequestAsync() is { } request)
            {
                if (request.RequestLine.StartsWith("GET ", StringComparison.Ordinal))
                {
                    // Neither /next is answered before both arrived: they must be on two connections at once.
                    if (Interlocked.Increment(ref nexts) == 2)
                    {
                        bothArrived.SetResult();
                    }

                    await bothArrived.Task.WaitAsync(s_timeout);
                    await connection.WriteAsync(Next("r-" + connection.Index.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    await connection.WriteAsync(s_accepted);
                }
            }
        };
        await using var server = new ScriptedServer(answer, answer);
        using var client = new RuntimeApiClient(server.Address);

        var invocations = await Task.WhenAll(client.NextAsync(default), client.NextAsync(default)).WaitAsync(s_timeout);
        foreach (var invocation in invocations)
        {
            Assert.Equal(HttpStatusCode.Accepted, await client.PostResponseAsync(invocation.RequestId, "{}"u8.ToArray(), default).WaitAsync(s_timeout));
        }

        Assert.Equal(["r-0", "r-1"], invocations.Select(i => i.RequestId).Order(StringComparer.Ordinal));
        Assert.Equal(2, server.Accepted);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task ServerClosedTheIdleConnection_TheCallIsSentAgainOnANewConnection_Once()
    {
        await using var server = new ScriptedServer(
            async connection =>
            {
                await connection.ReadRequestAsync();
                await connection.WriteAsync(Next("r-1"));
                connection.Close();
            },
            Answers(s_accepted));
        using var client = new RuntimeApiClient(server.Address);
        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);
        await server.Finished(0).WaitAsync(s_timeout);

        var status = await client.PostResponseAsync(invocation.RequestId, "\"done\""u8.ToArray(), default).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, server.Accepted);
        Assert.Collection(
            server.Requests,
            next => Assert.Equal(0, next.Connection),
            post =>
            {
                Assert.Equal(1, post.Connection);
                Assert.Equal("POST /2018-06-01/runtime/invocation/r-1/response HTTP/1.1", post.RequestLine);
                Assert.Equal("\"done\"", Encoding.UTF8.GetString(post.Body));
            });
    }

    [Fact]
    public async Task ServerClosedTheIdleConnection_AndTheNewOneWithoutAnswer_IsFatal_AfterOneRetry()
    {
        // The second connection is an unscripted one: it reads the request and closes without answering.
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Next("r-1"));
            connection.Close();
        });
        using var client = new RuntimeApiClient(server.Address);
        await client.NextAsync(default).WaitAsync(s_timeout);
        await server.Finished(0).WaitAsync(s_timeout);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("cannot be reached", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Accepted);
        Assert.Equal([0, 1], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public async Task NewConnectionClosedBeforeAnswering_IsFatal_AndNotSentAgain()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            connection.Close();
        });
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("cannot be reached", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Accepted);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task KeptAliveConnectionClosedInTheMiddleOfTheHead_IsFatal_AndNotSentAgain()
    {
        // Once a byte of the answer arrived the server has read the request: sending it again could post twice.
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Next("r-1"));
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Raw("HTTP/1.1 202 Acc"));
            connection.Close();
        });
        using var client = new RuntimeApiClient(server.Address);
        await client.NextAsync(default).WaitAsync(s_timeout);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(
            () => client.PostResponseAsync("r-1", "{}"u8.ToArray(), default).WaitAsync(s_timeout));

        Assert.Contains("in the middle of a response head", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Accepted);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task ConnectionClose_Answer_NextCallOpensANewConnection()
    {
        // The first connection stays open after its answer: only the client honouring "close" ends it.
        await using var server = new ScriptedServer(
            Answers(Next("r-1", headers: "Connection: close\r\n")),
            Answers(s_accepted));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);
        await server.Finished(0).WaitAsync(s_timeout);
        var status = await client.PostResponseAsync(invocation.RequestId, "{}"u8.ToArray(), default).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, server.Accepted);
        Assert.Equal([0, 1], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public async Task Http10Answer_WithoutKeepAlive_ClosesTheConnection()
    {
        await using var server = new ScriptedServer(
            Answers(Next("r-1", status: "HTTP/1.0 200 OK")),
            Answers(s_accepted));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);
        await server.Finished(0).WaitAsync(s_timeout);
        var status = await client.PostResponseAsync(invocation.RequestId, "{}"u8.ToArray(), default).WaitAsync(s_timeout);

        Assert.Equal("r-1", invocation.RequestId);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, server.Accepted);
        Assert.Equal([0, 1], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public async Task Http10Answer_WithKeepAlive_KeepsTheConnection()
    {
        await using var server = new ScriptedServer(Answers(Next("r-1", status: "HTTP/1.0 200 OK", headers: "Connection: keep-alive\r\n"), s_accepted));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);
        var status = await client.PostResponseAsync(invocation.RequestId, "{}"u8.ToArray(), default).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(1, server.Accepted);
        Assert.Equal([0, 0], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public async Task InterimContinue_IsSkipped()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WritePiecesAsync(Raw("HTTP/1.1 100 Continue\r\n\r\n"), Next("r-1", "{\"after\":\"continue\"}"));
            await connection.ReadRequestAsync();
        });
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);

        Assert.Equal("r-1", invocation.RequestId);
        Assert.Equal("{\"after\":\"continue\"}", Encoding.UTF8.GetString(invocation.Event.Span));
    }

    [Fact]
    public async Task CancelledWhileWaitingForNext_ThrowsOperationCanceled_AndTheNextCallUsesANewConnection()
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedServer(
            async connection =>
            {
                // Never answers: the long poll is still open when the client gives up.
                await connection.ReadRequestAsync();
                waiting.SetResult();
                await connection.ReadRequestAsync();
            },
            Answers(Next("r-2")));
        using var client = new RuntimeApiClient(server.Address);
        using var cancellation = new CancellationTokenSource();
        var pending = client.NextAsync(cancellation.Token);
        await waiting.Task.WaitAsync(s_timeout);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(s_timeout));
        await server.Finished(0).WaitAsync(s_timeout);
        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);
        Assert.Equal("r-2", invocation.RequestId);
        Assert.Equal(2, server.Accepted);
        Assert.Equal([0, 1], server.Requests.Select(r => r.Connection));
    }

    [Fact]
    public async Task Dispose_ClosesTheIdleConnection()
    {
        await using var server = new ScriptedServer(Answers(Next("r-1")));
        var client = new RuntimeApiClient(server.Address);
        await client.NextAsync(default).WaitAsync(s_timeout);

        client.Dispose();

        await server.Finished(0).WaitAsync(s_timeout);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task PostErrorAsync_SendsTheErrorTypeHeader_AndTheErrorDocument()
    {
        await using var server = new ScriptedServer(Answers(s_accepted));
        using var client = new RuntimeApiClient(server.Address);
        var error = new AwsError("Order 7 was not found.", "KeyNotFoundException", ["at Shop.Find()", "at Shop.Handle()"]);

        var status = await client.PostErrorAsync("r-9", error, "Function.KeyNotFoundException", default).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /2018-06-01/runtime/invocation/r-9/error HTTP/1.1", request.RequestLine);
        Assert.Equal("Function.KeyNotFoundException", request.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.Equal("application/vnd.aws.lambda.error+json", request.Header("Content-Type"));
        Assert.Equal(request.Body.Length.ToString(CultureInfo.InvariantCulture), request.Header("Content-Length"));
        using var document = JsonDocument.Parse(request.Body);
        var json = document.RootElement;
        Assert.Equal("Order 7 was not found.", json.GetProperty("errorMessage").GetString());
        Assert.Equal("KeyNotFoundException", json.GetProperty("errorType").GetString());
        Assert.Equal(["at Shop.Find()", "at Shop.Handle()"], json.GetProperty("stackTrace").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task PostInitErrorAsync_PostsToInitError_WithTheErrorTypeHeader()
    {
        await using var server = new ScriptedServer(Answers(s_accepted));
        using var client = new RuntimeApiClient(server.Address);

        var status = await client.PostInitErrorAsync(new AwsError("no config", "Runtime.InitError", []), "Runtime.InitError", default).WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /2018-06-01/runtime/init/error HTTP/1.1", request.RequestLine);
        Assert.Equal("Runtime.InitError", request.Header("Lambda-Runtime-Function-Error-Type"));
        using var document = JsonDocument.Parse(request.Body);
        Assert.Equal("no config", document.RootElement.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task RestoreNextAsync_GetsRestoreNext_AndAnythingBut200IsFatal()
    {
        await using var server = new ScriptedServer(Answers(
            Response("HTTP/1.1 200 OK", string.Empty),
            Response("HTTP/1.1 500 Internal Server Error", "snapshot failed")));
        using var client = new RuntimeApiClient(server.Address);

        await client.RestoreNextAsync(default).WaitAsync(s_timeout);
        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.RestoreNextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("restore/next answered 500: snapshot failed", exception.Message, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal("GET /2018-06-01/runtime/restore/next HTTP/1.1", r.RequestLine));
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData("SPDY/3 200 OK")]
    [InlineData("HTTP/2 200 OK")]
    [InlineData("HTTP/1.1200 OK")]
    [InlineData("HTTP/1.1 20 OK")]
    [InlineData("HTTP/1.1 abc OK")]
    [InlineData("HTTP/1.1 099 Odd")]
    [InlineData("HTTP/1.1 2000 OK")]
    [InlineData("HTTP/1.1 200OK")]
    public async Task MalformedStatusLine_IsFatal_NotAHang(string statusLine)
    {
        // The connection stays open after the answer: a client waiting for more would hang into the timeout.
        await using var server = new ScriptedServer(Answers(Raw(statusLine + "\r\n\r\n")));
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("status line", exception.Message, StringComparison.Ordinal);
        Assert.Contains(statusLine, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedHeaderLine_IsFatal()
    {
        await using var server = new ScriptedServer(Answers(Raw("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\nno colon here\r\nContent-Length: 2\r\n\r\n{}")));
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("no colon here", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseHeadOverTheLimit_IsFatal()
    {
        var head = "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\nX-Padding: " + new string('a', RuntimeApiConnection.MaxHeaderBytes)
            + "\r\nContent-Length: 2\r\n\r\n{}";
        await using var server = new ScriptedServer(Answers(Raw(head)));
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains($"over {RuntimeApiConnection.MaxHeaderBytes} bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseHeadOfExactlyTheLimit_IsRead()
    {
        const string Start = "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\nContent-Length: 2\r\nX-Padding: ";
        var head = Start + new string('a', RuntimeApiConnection.MaxHeaderBytes - Start.Length - 4) + "\r\n\r\n";
        Assert.Equal(RuntimeApiConnection.MaxHeaderBytes, head.Length);
        await using var server = new ScriptedServer(Answers(Raw(head + "{}")));
        using var client = new RuntimeApiClient(server.Address);

        var invocation = await client.NextAsync(default).WaitAsync(s_timeout);

        Assert.Equal("r-1", invocation.RequestId);
        Assert.Equal("{}", Encoding.UTF8.GetString(invocation.Event.Span));
    }

    [Fact]
    public async Task BodyCutShort_IsFatal()
    {
        // On a kept-alive connection: the answer had begun, so the call is not sent again either.
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Next("r-1"));
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Raw("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-2\r\nContent-Length: 100\r\n\r\n0123456789"));
            connection.Close();
        });
        using var client = new RuntimeApiClient(server.Address);
        await client.NextAsync(default).WaitAsync(s_timeout);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("in the middle of a response", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Accepted);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData("Content-Length: 2000000000\r\n")]
    [InlineData("Transfer-Encoding: chunked\r\n", "7fff0000\r\n")]
    public async Task BodyFarLongerThanWhatArrives_IsFatal_WithoutAllocatingWhatItClaims(string framing, string chunkLine = "")
    {
        // Memory follows the bytes that arrive: a claimed 2 GB ends as "cut short", not as an OutOfMemoryException.
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Raw("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\n" + framing + "\r\n" + chunkLine + "0123456789"));
            connection.Close();
        });
        using var client = new RuntimeApiClient(server.Address);
        var allocatedBefore = GC.GetTotalAllocatedBytes();

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("in the middle of a response", exception.Message, StringComparison.Ordinal);
        // Process-wide, so other tests running meanwhile count too: the bound is far above them and far below 2 GB.
        Assert.True(GC.GetTotalAllocatedBytes() - allocatedBefore < 1024L * 1024 * 1024, "the client allocated what the header claimed");
    }

    [Fact]
    public async Task ChunkedBodyCutShort_IsFatal()
    {
        await using var server = new ScriptedServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync(Raw("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n01234"));
            connection.Close();
        });
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("in the middle of a response", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zz\r\n{}\r\n0\r\n\r\n", "invalid chunk size")]
    [InlineData("2\r\n{}}\r\n0\r\n\r\n", "longer than its size")]
    public async Task MalformedChunk_IsFatal(string chunkedBody, string expected)
    {
        await using var server = new ScriptedServer(Answers(Raw("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody)));
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Transfer-Encoding: gzip", "transfer coding 'gzip'")]
    [InlineData("Content-Length: -1", "Content-Length '-1'")]
    [InlineData("Content-Length: 2, 2", "Content-Length '2, 2'")]
    [InlineData("Content-Length: ten", "Content-Length 'ten'")]
    public async Task UnusableBodyFraming_IsFatal(string header, string expected)
    {
        await using var server = new ScriptedServer(Answers(Raw($"HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r-1\r\n{header}\r\n\r\n{{}}")));
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next500_IsFatal_WithTheBody()
    {
        await using var server = new ScriptedServer(Answers(Response(
            "HTTP/1.1 500 Internal Server Error",
            """{"errorMessage":"State is broken","errorType":"Runtime.Unknown"}""")));
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("invocation/next answered 500", exception.Message, StringComparison.Ordinal);
        Assert.Contains("State is broken", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostResponse500_IsFatal_NamingTheRequest()
    {
        await using var server = new ScriptedServer(Answers(Response("HTTP/1.1 500 Internal Server Error", "kaputt")));
        using var client = new RuntimeApiClient(server.Address);

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(
            () => client.PostResponseAsync("r-1", "{}"u8.ToArray(), default).WaitAsync(s_timeout));

        Assert.Contains("POST /2018-06-01/runtime/invocation/r-1/response answered 500: kaputt", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostResponse413_IsReturned_AndTheConnectionIsKept()
    {
        await using var server = new ScriptedServer(Answers(
            Response("HTTP/1.1 413 Request Entity Too Large", """{"errorMessage":"too big","errorType":"RequestEntityTooLarge"}"""),
            s_accepted));
        using var client = new RuntimeApiClient(server.Address);

        var tooLarge = await client.PostResponseAsync("r-1", new byte[100], default).WaitAsync(s_timeout);
        var error = await client.PostErrorAsync("r-1", new AwsError("too big", "Function.ResponseSizeTooLarge", []), "Function.ResponseSizeTooLarge", default)
            .WaitAsync(s_timeout);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Equal(HttpStatusCode.Accepted, error);
        Assert.Equal(1, server.Accepted);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("host:abc")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:-1")]
    [InlineData("host: 9001")]
    [InlineData(":9001")]
    [InlineData("http://host:9001")]
    public void NotHostAndPort_ThrowsInvalidOperation(string runtimeApi)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => new RuntimeApiClient(runtimeApi));

        Assert.Contains($"'{runtimeApi}'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:9001")]
    [InlineData("localhost:9001")]
    [InlineData("[::1]:9001")]
    public void HostAndPort_IsAccepted(string runtimeApi)
    {
        using var client = new RuntimeApiClient(runtimeApi);

        Assert.Equal(runtimeApi, client.RuntimeApi);
    }

    [Fact]
    public async Task Unreachable_IsFatal_CannotBeReached()
    {
        using var client = new RuntimeApiClient("127.0.0.1:" + RuntimeLoopTests.ClosedPort().ToString(CultureInfo.InvariantCulture));

        var exception = await Assert.ThrowsAsync<RuntimeApiFatalException>(() => client.NextAsync(default).WaitAsync(s_timeout));

        Assert.Contains("cannot be reached", exception.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(exception.InnerException);
    }

    private static byte[] Raw(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Response(string statusLine, string body, string headers = "") =>
        [.. Raw($"{statusLine}\r\n{headers}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n"), .. Encoding.UTF8.GetBytes(body)];

    private static byte[] Next(string requestId, string body = "{}", string status = "HTTP/1.1 200 OK", string headers = "") =>
        Response(status, body, $"Lambda-Runtime-Aws-Request-Id: {requestId}\r\nLambda-Runtime-Deadline-Ms: 1700000000000\r\n{headers}");

    /// <summary>A connection that answers each request with the next of <paramref name="answers"/>; one more request is recorded and the connection closed.</summary>
    private static Func<ScriptedConnection, Task> Answers(params byte[][] answers) => async connection =>
    {
        foreach (var answer in answers)
        {
            if (await connection.ReadRequestAsync() is null)
            {
                return;
            }

            await connection.WriteAsync(answer);
        }

        await connection.ReadRequestAsync();
    };

    /// <summary>One request as the server read it.</summary>
    private sealed record RecordedRequest(int Connection, string Head, byte[] Body)
    {
        public string RequestLine => Head[..Head.IndexOf("\r\n", StringComparison.Ordinal)];

        public string? Header(string name)
        {
            foreach (var line in Head.Split("\r\n").Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line.AsSpan(0, colon).Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return line[(colon + 1)..].Trim();
                }
            }

            return null;
        }
    }

    /// <summary>
    /// A raw HTTP/1.1 server on 127.0.0.1: the n-th accepted connection runs the n-th script; a connection
    /// beyond the scripts reads one request and closes. Records every connection and request.
    /// </summary>
    private sealed class ScriptedServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Func<ScriptedConnection, Task>[] _scripts;
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<RecordedRequest> _requests = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _finished = new();
        private readonly ConcurrentQueue<Task> _running = new();
        private readonly Task _accepting;
        private int _accepted;

        public ScriptedServer(params Func<ScriptedConnection, Task>[] scripts)
        {
            _scripts = scripts;
            _listener.Start();
            Address = "127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
            _accepting = AcceptAsync();
        }

        public string Address { get; }

        public int Accepted => Volatile.Read(ref _accepted);

        public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

        /// <summary>Completes when the script of connection <paramref name="index"/> ended and the connection was closed.</summary>
        public Task Finished(int index) => _finished.GetOrAdd(index, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Record(RecordedRequest request) => _requests.Enqueue(request);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting.WaitAsync(s_timeout);
            await Task.WhenAll(_running).WaitAsync(s_timeout);
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    socket.NoDelay = true;
                    var index = Interlocked.Increment(ref _accepted) - 1;
                    var script = index < _scripts.Length ? _scripts[index] : static connection => connection.ReadRequestAsync();
                    _running.Enqueue(RunAsync(new ScriptedConnection(this, index, socket, _stop.Token), script));
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        private async Task RunAsync(ScriptedConnection connection, Func<ScriptedConnection, Task> script)
        {
            Exception? failure = null;
            try
            {
                await script(connection);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away in the middle of the script (a test that expects a failure).
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            connection.Dispose();
            var finished = _finished.GetOrAdd(connection.Index, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
            if (failure is null)
            {
                finished.TrySetResult();
            }
            else
            {
                finished.TrySetException(failure);
            }
        }
    }

    /// <summary>One accepted connection, as a script drives it.</summary>
    private sealed class ScriptedConnection(ScriptedServer server, int index, Socket socket, CancellationToken stop) : IDisposable
    {
        private readonly NetworkStream _stream = new(socket, ownsSocket: true);
        private byte[] _buffer = new byte[8192];
        private int _count;

        public int Index => index;

        /// <summary>Reads and records the next request (head, then a <c>Content-Length</c> body); null when the client closed first.</summary>
        public async Task<RecordedRequest?> ReadRequestAsync()
        {
            int blankLine;
            while ((blankLine = _buffer.AsSpan(0, _count).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (!await FillAsync())
                {
                    return _count == 0 ? null : throw new IOException("The client closed the connection in the middle of a request head.");
                }
            }

            var head = Encoding.Latin1.GetString(_buffer, 0, blankLine + 4);
            Consume(blankLine + 4);
            var partial = new RecordedRequest(index, head, []);
            var length = int.Parse(partial.Header("Content-Length") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
            while (_count < length)
            {
                if (!await FillAsync())
                {
                    throw new IOException("The client closed the connection in the middle of a request body.");
                }
            }

            var request = partial with { Body = _buffer.AsSpan(0, length).ToArray() };
            Consume(length);
            server.Record(request);
            return request;
        }

        public async Task WriteAsync(byte[] bytes) => await _stream.WriteAsync(bytes, stop);

        /// <summary>Writes each piece on its own after a pause, so that the client reads them separately.</summary>
        public async Task WritePiecesAsync(params byte[][] pieces)
        {
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(30, stop);
                }

                await _stream.WriteAsync(pieces[i], stop);
            }
        }

        public void Close() => _stream.Dispose();

        public void Dispose() => _stream.Dispose();

        private async Task<bool> FillAsync()
        {
            if (_count == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_count), stop);
            _count += read;
            return read > 0;
        }

        private void Consume(int length)
        {
            Buffer.BlockCopy(_buffer, length, _buffer, 0, _count - length);
            _count -= length;
        }
    }
}
