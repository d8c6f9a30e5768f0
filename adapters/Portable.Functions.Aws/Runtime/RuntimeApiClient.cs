using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// The Lambda Runtime API (2018-06-01) over one pooled HTTP/1.1 connection: <c>/next</c>,
/// <c>/response</c>, <c>/error</c> and <c>/init/error</c>.
/// </summary>
/// <remarks>
/// The client has no timeout: Lambda freezes the process between invokes, so a <c>/next</c> call may
/// legitimately last hours. 500 from any endpoint, or an unreachable endpoint, throws
/// <see cref="RuntimeApiFatalException"/>.
/// </remarks>
internal sealed class RuntimeApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeHeaderValue s_errorJson = new("application/vnd.aws.lambda.error+json");

    private readonly HttpClient _http;
    private readonly string _base;
    private readonly Uri _next;

    public RuntimeApiClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeApi);
        RuntimeApi = runtimeApi;
        _base = $"http://{runtimeApi}/2018-06-01/runtime/";
        if (!Uri.TryCreate(_base, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"AWS_LAMBDA_RUNTIME_API='{runtimeApi}' is not a host:port.");
        }

        _next = new Uri(_base + "invocation/next");

        // SocketsHttpHandler directly: no proxy lookup, no decompression, no cookie container — the
        // Runtime API is a local plain-HTTP endpoint and every saved millisecond is cold start.
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
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
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, _base + "restore/next"), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new RuntimeApiFatalException($"GET /runtime/restore/next answered {(int)response.StatusCode}: {Truncate(text)}");
        }
    }

    /// <summary>SnapStart: reports a failed after-restore hook (<c>POST /runtime/restore/error</c>); the process must exit afterwards.</summary>
    public Task<HttpStatusCode> PostRestoreErrorAsync(AwsError error, string errorTypeHeader, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("restore/error", error, errorTypeHeader, cancellationToken);

    /// <summary>Long-polls for the next invocation.</summary>
    /// <remarks>
    /// Sends directly rather than through a shared async helper: every async method that suspends costs
    /// its own generic builder instantiations at the first call, which ReadyToRun cannot precompile, and
    /// this call suspends at every cold start.
    /// </remarks>
    public async Task<AwsInvocation> NextAsync(CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        using (var request = new HttpRequestMessage(HttpMethod.Get, _next))
        {
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsUnreachable(exception, cancellationToken))
            {
                throw Unreachable(exception);
            }
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new RuntimeApiFatalException($"GET /runtime/invocation/next answered {(int)response.StatusCode}: {Truncate(text)}");
            }

            // Buffered by ResponseContentRead: completes without waiting.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var headers = response.Headers;
            var requestId = Header(headers, RuntimeApiHeaders.RequestId)
                ?? throw new RuntimeApiFatalException($"GET /runtime/invocation/next returned no {RuntimeApiHeaders.RequestId} header.");
            DateTimeOffset? deadline = long.TryParse(Header(headers, RuntimeApiHeaders.DeadlineMs), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
            return new AwsInvocation
            {
                RequestId = requestId,
                Deadline = deadline,
                FunctionArn = Header(headers, RuntimeApiHeaders.FunctionArn),
                TraceId = Header(headers, RuntimeApiHeaders.TraceId),
                ClientContext = Header(headers, RuntimeApiHeaders.ClientContext),
                CognitoIdentity = Header(headers, RuntimeApiHeaders.CognitoIdentity),
                TenantId = Header(headers, RuntimeApiHeaders.TenantId),
                Event = body,
            };
        }
    }

    /// <summary>Posts a buffered response; returns the status (202 accepted, 413 too large, 400/403 refused).</summary>
    public Task<HttpStatusCode> PostResponseAsync(string requestId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _base + "invocation/" + Uri.EscapeDataString(requestId) + "/response")
        {
            Content = new ReadOnlyMemoryContent(payload) { Headers = { ContentType = s_json } },
        };
        return PostAsync(request, cancellationToken);
    }

    /// <summary>Posts an invocation error; returns the status.</summary>
    public Task<HttpStatusCode> PostErrorAsync(string requestId, AwsError error, string errorTypeHeader, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("invocation/" + Uri.EscapeDataString(requestId) + "/error", error, errorTypeHeader, cancellationToken);

    /// <summary>Posts an initialisation error (the process must exit afterwards).</summary>
    public Task<HttpStatusCode> PostInitErrorAsync(AwsError error, string errorTypeHeader, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync("init/error", error, errorTypeHeader, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<HttpStatusCode> PostErrorDocumentAsync(string path, AwsError error, string errorTypeHeader, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _base + path)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, AwsJsonContext.Default.AwsError)) { Headers = { ContentType = s_errorJson } },
        };
        request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, errorTypeHeader);
        return await PostAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // One async method per Runtime API call (not a PostAsync over a SendAsync): every awaiting method
    // is a state machine whose builder code the managed runtime compiles at first use, on the cold start.
    private async Task<HttpStatusCode> PostAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsUnreachable(exception, cancellationToken))
            {
                throw Unreachable(exception);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    // Buffered by ResponseContentRead: the body is already here.
                    var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    throw new RuntimeApiFatalException($"POST {request.RequestUri!.AbsolutePath} answered 500: {Truncate(text)}");
                }

                return response.StatusCode;
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.InternalServerError && request.Method == HttpMethod.Get)
                {
                    using (response)
                    {
                        throw new RuntimeApiFatalException($"GET {request.RequestUri!.AbsolutePath} answered 500.");
                    }
                }

                return response;
            }
            catch (Exception exception) when (IsUnreachable(exception, cancellationToken))
            {
                throw Unreachable(exception);
            }
        }
    }

    /// <summary>A failed connection, or the 10 s connect timeout (a cancellation that is not ours).</summary>
    private static bool IsUnreachable(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private RuntimeApiFatalException Unreachable(Exception exception) => exception is HttpRequestException
        ? new RuntimeApiFatalException($"The Runtime API at {RuntimeApi} cannot be reached: {exception.Message}", exception)
        : new RuntimeApiFatalException($"The Runtime API at {RuntimeApi} did not accept a connection within 10 s.", exception);

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Truncate(string text) => text.Length > 512 ? text[..512] + "..." : text;
}
