using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

// The ManualLambdaLoop baseline over one kept-alive socket: GET /next, read ?name= from an HTTP API v2
// event, POST an HTTP API v2 response. It reads only what the harness's fake Runtime API sends (a
// Content-Length body); a real runtime must also read chunked bodies and reconnect, as the adapter does.
var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")
    ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set.");
var colon = api.LastIndexOf(':');
var endpoint = new IPEndPoint(IPAddress.Parse(api[..colon]), int.Parse(api[(colon + 1)..], CultureInfo.InvariantCulture));
using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
await socket.ConnectAsync(endpoint);
var buffer = new byte[64 * 1024];
var nextRequest = Encoding.ASCII.GetBytes($"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {api}\r\n\r\n");

while (true)
{
    await socket.SendAsync(nextRequest);
    var (headEnd, length) = await ReadHeadAsync(socket, buffer);
    var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
    var requestId = HeaderValue(head, "Lambda-Runtime-Aws-Request-Id") ?? throw new InvalidOperationException("No request id.");
    var bodyLength = int.Parse(HeaderValue(head, "Content-Length") ?? "0", CultureInfo.InvariantCulture);
    while (length < headEnd + bodyLength)
    {
        length += await socket.ReceiveAsync(buffer.AsMemory(length));
    }

    var name = "world";
    using (var document = JsonDocument.Parse(buffer.AsMemory(headEnd, bodyLength)))
    {
        if (document.RootElement.TryGetProperty("queryStringParameters", out var query) && query.TryGetProperty("name", out var value))
        {
            name = value.GetString() ?? name;
        }
    }

    var output = new MemoryStream();
    using (var writer = new Utf8JsonWriter(output))
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

    var body = output.ToArray();
    await socket.SendAsync(Encoding.ASCII.GetBytes(
        $"POST /2018-06-01/runtime/invocation/{Uri.EscapeDataString(requestId)}/response HTTP/1.1\r\nHost: {api}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
    await socket.SendAsync(body);
    var (answerEnd, answerLength) = await ReadHeadAsync(socket, buffer);
    var answerBody = int.Parse(HeaderValue(Encoding.ASCII.GetString(buffer, 0, answerEnd), "Content-Length") ?? "0", CultureInfo.InvariantCulture);
    while (answerLength < answerEnd + answerBody)
    {
        answerLength += await socket.ReceiveAsync(buffer.AsMemory(answerLength));
    }
}

static async Task<(int HeadEnd, int Length)> ReadHeadAsync(Socket socket, byte[] buffer)
{
    var length = 0;
    while (true)
    {
        var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
        if (end >= 0)
        {
            return (end + 4, length);
        }

        var read = await socket.ReceiveAsync(buffer.AsMemory(length));
        if (read == 0)
        {
            throw new IOException("The Runtime API closed the connection.");
        }

        length += read;
    }
}

static string? HeaderValue(string head, string name)
{
    foreach (var line in head.Split("\r\n"))
    {
        if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
        {
            return line[(name.Length + 1)..].Trim();
        }
    }

    return null;
}
