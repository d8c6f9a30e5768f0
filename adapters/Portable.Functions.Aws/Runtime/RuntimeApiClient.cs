using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Portable.Functions.Aws;

/// <summary>
/// The Lambda Runtime API (2018-06-01) over kept-alive HTTP/1.1 connections (<see cref="RuntimeApiConnection"/>,
/// one per call in flight, reused afterwards): <c>/next</c>, <c>/response</c>, <c>/error</c>,
/// <c>/init/error</c> and the SnapStart <c>/restore</c> calls.
/// </summary>
/// <remarks>
/// No call has a timeout: Lambda freezes the process between invokes, so a <c>/next</c> call may
/// legitimately last hours. 500 from any endpoint, an unreachable endpoint or a connection lost in the
/// middle of an answer throws <see cref="RuntimeApiFatalException"/>. A kept-alive connection the server
/// closed while idle is noticed before any answer byte arrives and the call is sent again once on a new
/// connection, as HTTP clients do (RFC 9112 section 9.3.1).
/// </remarks>
internal sealed class RuntimeApiClient : IDisposable
{
    private const string BasePath = "/2018-06-01/runtime/";
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(10);

    private readonly string _host;
    private readonly int _port;
    private readonly Stack<RuntimeApiConnection> _idle = new();
    private readonly byte[] _nextHead;
    private bool _disposed;

    /// <exception cref="InvalidOperationException"><paramref name="runtimeApi"/> is not <c>host:port</c>.</exception>
    public RuntimeApiClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeApi);
        RuntimeApi = runtimeApi;
        var colon = runtimeApi.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(runtimeApi.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _port)
            || _port is 0 or > 65535 || runtimeApi.AsSpan(0, colon).ContainsAny(" /?#@"))
        {
            throw new InvalidOperationException($"AWS_LAMBDA_RUNTIME_API='{runtimeApi}' is not a host:port.");
        }

        _host = runtimeApi[..colon].Trim('[', ']');
        _nextHead = Head("GET", "invocation/next");
    }

    /// <summary>The <c>host:port</c> of the Runtime API.</summary>
    public string RuntimeApi { get; }

    /// <summary>
    /// SnapStart: tells Lambda initialisation (and the before-snapshot hooks) finished, and blocks across
    /// the snapshot; returns in the restored process (<c>GET /runtime/restore/next</c>).
    /// </summary>
    /// <exception cref="RuntimeApiFatalException">Any answer but 200, or the endpoint is unreachable.</exception>
    public async Task RestoreNextAsync(CancellationToken cancellationToken)
    {
        var response = await ExchangeAsync(Head("GET", "restore/next"), default, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiFatalException($"GET /runtime/restore/next answered {(int)response.StatusCode}: {Truncate(response.Body)}");
        }
    }

    /// <summary>SnapStart: reports a failed after-restore hook (<c>POST /runtime/restore/error</c>); the process must exit afterwards.</summary>
    public Task<HttpStatusCode> PostRestoreErrorAsync(AwsError error, string errorTypeHeader, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("restore/error", error, errorTypeHeader, cancellationToken);

    /// <summary>Long-polls for the next invocation.</summary>
    /// <exception cref="RuntimeApiFatalException">Any answer but 200, no request id, or the endpoint is unreachable.</exception>
    public async Task<AwsInvocation> NextAsync(CancellationToken cancellationToken)
    {
        var response = await ExchangeAsync(_nextHead, default, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiFatalException($"GET /runtime/invocation/next answered {(int)response.StatusCode}: {Truncate(response.Body)}");
        }

        var requestId = response.Header(RuntimeApiHeaders.RequestId)
            ?? throw new RuntimeApiFatalException($"GET /runtime/invocation/next returned no {RuntimeApiHeaders.RequestId} header.");
        DateTimeOffset? deadline = long.TryParse(response.Header(RuntimeApiHeaders.DeadlineMs), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        return new AwsInvocation
        {
            RequestId = requestId,
            Deadline = deadline,
            FunctionArn = response.Header(RuntimeApiHeaders.FunctionArn),
            TraceId = response.Header(RuntimeApiHeaders.TraceId),
            ClientContext = response.Header(RuntimeApiHeaders.ClientContext),
            CognitoIdentity = response.Header(RuntimeApiHeaders.CognitoIdentity),
            TenantId = response.Header(RuntimeApiHeaders.TenantId),
            Event = response.Body,
        };
    }

    /// <summary>Posts a buffered response; returns the status (202 accepted, 413 too large, 400/403 refused).</summary>
    /// <exception cref="RuntimeApiFatalException">500, or the endpoint is unreachable.</exception>
    public Task<HttpStatusCode> PostResponseAsync(string requestId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        PostAsync(Head("POST", "invocation/" + Uri.EscapeDataString(requestId) + "/response", "application/json", payload.Length), payload, cancellationToken);

    /// <summary>Posts an invocation error; returns the status.</summary>
    /// <exception cref="RuntimeApiFatalException">500, or the endpoint is unreachable.</exception>
    public Task<HttpStatusCode> PostErrorAsync(string requestId, AwsError error, string errorTypeHeader, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("invocation/" + Uri.EscapeDataString(requestId) + "/error", error, errorTypeHeader, cancellationToken);

    /// <summary>Posts an initialisation error (the process must exit afterwards).</summary>
    /// <exception cref="RuntimeApiFatalException">500, or the endpoint is unreachable.</exception>
    public Task<HttpStatusCode> PostInitErrorAsync(AwsError error, string errorTypeHeader, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("init/error", error, errorTypeHeader, cancellationToken);

    /// <summary>
    /// A new connection of the caller's own, for a request written in pieces (response streaming); the
    /// caller disposes it.
    /// </summary>
    /// <exception cref="RuntimeApiFatalException">The endpoint is unreachable.</exception>
    public async Task<RuntimeApiConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(s_connectTimeout);
        try
        {
            return await RuntimeApiConnection.ConnectAsync(_host, _port, connectTimeout.Token).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            throw new RuntimeApiFatalException($"The Runtime API at {RuntimeApi} cannot be reached: {exception.Message}", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RuntimeApiFatalException($"The Runtime API at {RuntimeApi} did not accept a connection within 10 s.", exception);
        }
    }

    /// <summary>The head of a request (request line and fields) in ASCII, ready to write.</summary>
    /// <param name="method">GET or POST.</param>
    /// <param name="path">The path after <c>/2018-06-01/runtime/</c>, already escaped.</param>
    /// <param name="contentType">The body's media type; null for none.</param>
    /// <param name="contentLength">The body's length; null for a request without one (no body, or a chunked body named in <paramref name="extra"/>).</param>
    /// <param name="errorType">The <c>Lambda-Runtime-Function-Error-Type</c> value, or null.</param>
    /// <param name="extra">More header lines, each ending in CRLF.</param>
    internal byte[] Head(string method, string path, string? contentType = null, long? contentLength = null, string? errorType = null, string? extra = null)
    {
        var head = new StringBuilder(160)
            .Append(method).Append(' ').Append(BasePath).Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(RuntimeApi).Append("\r\n");
        if (contentType is not null)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        if (contentLength is { } length)
        {
            head.Append("Content-Length: ").Append(length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        if (errorType is not null)
        {
            head.Append(RuntimeApiHeaders.FunctionErrorType).Append(": ").Append(errorType).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(head.Append(extra).Append("\r\n").ToString());
    }

    public void Dispose()
    {
        lock (_idle)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    private Task<HttpStatusCode> PostErrorDocumentAsync(string path, AwsError error, string errorTypeHeader, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(error, AwsJsonContext.Default.AwsError);
        return PostAsync(Head("POST", path, "application/vnd.aws.lambda.error+json", body.Length, errorTypeHeader), body, cancellationToken);
    }

    private async Task<HttpStatusCode> PostAsync(byte[] head, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var response = await ExchangeAsync(head, body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            var requestLine = Encoding.ASCII.GetString(head.AsSpan(0, head.AsSpan().IndexOf((byte)'\r')));
            throw new RuntimeApiFatalException($"{requestLine[..requestLine.LastIndexOf(' ')]} answered 500: {Truncate(response.Body)}");
        }

        return response.StatusCode;
    }

    /// <summary>One request and its answer on an idle connection (or a new one); the connection goes back when it can be reused.</summary>
    private async Task<RuntimeApiResponse> ExchangeAsync(byte[] head, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var connection = Rent() ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RuntimeApiResponse response;
            try
            {
                await connection.WriteAsync(head, body, cancellationToken).ConfigureAwait(false);
                response = await connection.ReadResponseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException) when (connection.HasAnswered && !connection.AnswerStarted && !cancellationToken.IsCancellationRequested)
            {
                // Closed by the server while idle: the request was never read; send it once more on a new connection.
                connection.Dispose();
                connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                await connection.WriteAsync(head, body, cancellationToken).ConfigureAwait(false);
                response = await connection.ReadResponseAsync(cancellationToken).ConfigureAwait(false);
            }

            Return(connection);
            return response;
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            connection.Dispose();
            throw new RuntimeApiFatalException($"The Runtime API at {RuntimeApi} cannot be reached: {exception.Message}", exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private RuntimeApiConnection? Rent()
    {
        lock (_idle)
        {
            return _idle.TryPop(out var connection) ? connection : null;
        }
    }

    private void Return(RuntimeApiConnection connection)
    {
        lock (_idle)
        {
            if (connection.CanBeReused && !_disposed)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    private static string Truncate(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 600));
        return text.Length > 512 ? text[..512] + "..." : text;
    }
}
