using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// A fake Lambda Runtime API (2018-06-01) on Kestrel, loopback, ephemeral port. It follows the
/// documented contract (docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html and the OpenAPI file
/// AWS publishes) and the answers the Runtime Interface Emulator gives: <c>/next</c> blocks until an
/// event is queued and sends every <c>Lambda-Runtime-*</c> header; <c>/response</c> and <c>/error</c>
/// answer 202 <c>{"status":"OK"}</c>, 400 <c>InvalidRequestID</c> for an unknown id, 400
/// <c>InvalidFunctionResponseMode</c> for a bad response-mode header, 403 <c>InvalidStateTransition</c>
/// for a second answer, 413 for a response over the payload limit (which, as in the emulator, ends the
/// invoke: a later <c>/error</c> gets 403); <c>/init/error</c> answers 202. Streamed responses are read as
/// chunked HTTP/1.1 with their trailers. <see cref="FailWith500"/> makes every endpoint answer 500.
/// Concurrency follows the documented contract: one invocation at a time by default (a <c>/next</c> while
/// one is open, or a second waiting <c>/next</c>, gets 403 <c>InvalidStateTransition</c>), and with
/// <see cref="MaxConcurrency"/> N (Lambda Managed Instances, <c>AWS_LAMBDA_MAX_CONCURRENCY</c>) up to N
/// <c>/next</c> calls and open invocations at once, handed out overlapping. SnapStart: <c>GET /restore/next</c>
/// blocks until <see cref="ReleaseRestore"/> (the snapshot and restore happen while it is open), and
/// <c>POST /restore/error</c> answers 202. <see cref="Calls"/> records every endpoint in arrival order.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly Channel<FakeInvocation> _queue = Channel.CreateUnbounded<FakeInvocation>();
    private readonly ConcurrentDictionary<string, FakeInvocation> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _answered = new(StringComparer.Ordinal);
    private readonly Lock _slots = new();
    private readonly TaskCompletionSource _restore = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _counter;
    private int _refused;
    private int _outstanding;
    private int _openNow;
    private int _peakOpen;
    private int _refusedNext;

    private FakeRuntimeApi(WebApplication web, int maxResponseBytes)
    {
        _web = web;
        MaxResponseBytes = maxResponseBytes;
    }

    public string Address { get; private set; } = string.Empty;

    public int MaxResponseBytes { get; }

    public bool FailWith500 { get; set; }

    /// <summary>How many posts were refused with 403 (an answer to an invoke already ended).</summary>
    public int RefusedPosts => _refused;

    public TaskCompletionSource<FakeResult> InitError { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many <c>/next</c> calls and open invocations the runtime may have at once (the environment's <c>AWS_LAMBDA_MAX_CONCURRENCY</c>).</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>The most invocations that were open (handed out, not yet answered) at the same time.</summary>
    public int PeakOpen => Volatile.Read(ref _peakOpen);

    /// <summary>How many <c>/next</c> calls were refused for exceeding <see cref="MaxConcurrency"/>.</summary>
    public int RefusedNext => Volatile.Read(ref _refusedNext);

    /// <summary>Every endpoint called, in arrival order (<c>GET restore/next</c>, <c>POST init/error</c>, ...).</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Completes when the runtime calls <c>GET /restore/next</c> (it is then ready for the snapshot).</summary>
    public TaskCompletionSource RestoreRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the runtime posted to <c>/restore/error</c>.</summary>
    public TaskCompletionSource<FakeResult> RestoreError { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the pending <c>GET /restore/next</c>: the process now runs as a restored copy.</summary>
    public void ReleaseRestore() => _restore.TrySetResult();

    public static async Task<FakeRuntimeApi> StartAsync(int maxResponseBytes = 6 * 1024 * 1024)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        var fake = new FakeRuntimeApi(web, maxResponseBytes);
        web.Run(fake.HandleAsync);
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Address = new Uri(address).Authority;
        return fake;
    }

    /// <summary>Queues an event; the task completes when the runtime answers it.</summary>
    public Task<FakeResult> InvokeAsync(string eventJson, Action<Dictionary<string, string>>? headers = null) =>
        InvokeAsync(Encoding.UTF8.GetBytes(eventJson), headers);

    public Task<FakeResult> InvokeAsync(byte[] eventBytes, Action<Dictionary<string, string>>? headers = null)
    {
        var id = $"req-{Interlocked.Increment(ref _counter):D4}-{Guid.NewGuid():N}";
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Lambda-Runtime-Aws-Request-Id"] = id,
            ["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:123456789012:function:hello:live",
        };
        headers?.Invoke(map);
        var invocation = new FakeInvocation(map["Lambda-Runtime-Aws-Request-Id"], eventBytes, map);
        _queue.Writer.TryWrite(invocation);
        return invocation.Result.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (FailWith500)
        {
            await Answer(http, 500, """{"errorMessage":"internal","errorType":"ServiceException"}""");
            return;
        }

        var path = http.Request.Path.Value ?? string.Empty;
        const string prefix = "/2018-06-01/runtime/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            await Answer(http, 404, """{"errorMessage":"not found","errorType":"NotFound"}""");
            return;
        }

        var rest = path[prefix.Length..];
        Calls.Enqueue(http.Request.Method + " " + (rest.StartsWith("invocation/", StringComparison.Ordinal) && rest != "invocation/next" ? "invocation/" + rest.Split('/')[^1] : rest));
        if (http.Request.Method == "GET" && rest == "invocation/next")
        {
            await NextAsync(http);
        }
        else if (http.Request.Method == "GET" && rest == "restore/next")
        {
            RestoreRequested.TrySetResult();
            try
            {
                await _restore.Task.WaitAsync(http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await Answer(http, 200, string.Empty);
        }
        else if (http.Request.Method == "POST" && rest == "restore/error")
        {
            var body = await ReadBodyAsync(http.Request);
            RestoreError.TrySetResult(new FakeResult("restore-error", body, http.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), http.Request.ContentType, new Dictionary<string, string>()));
            await Answer(http, 202, """{"status":"OK"}""");
        }
        else if (http.Request.Method == "POST" && rest == "init/error")
        {
            var body = await ReadBodyAsync(http.Request);
            InitError.TrySetResult(new FakeResult("init-error", body, http.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), http.Request.ContentType, new Dictionary<string, string>()));
            await Answer(http, 202, """{"status":"OK"}""");
        }
        else if (http.Request.Method == "POST" && rest.StartsWith("invocation/", StringComparison.Ordinal) && rest.Split('/') is [_, var id, var kind and ("response" or "error")])
        {
            await AnswerInvocationAsync(http, Uri.UnescapeDataString(id), kind);
        }
        else
        {
            await Answer(http, 404, """{"errorMessage":"not found","errorType":"NotFound"}""");
        }
    }

    private async Task NextAsync(HttpContext http)
    {
        bool refused;
        lock (_slots)
        {
            refused = _outstanding >= MaxConcurrency;
            if (refused)
            {
                _refusedNext++;
            }
            else
            {
                _outstanding++;
            }
        }

        if (refused)
        {
            await Answer(http, 403, """{"errorMessage":"State transition from Invoke to Ready failed for runtime: more /next calls than the concurrency allows.","errorType":"InvalidStateTransition"}""");
            return;
        }

        FakeInvocation invocation;
        try
        {
            invocation = await _queue.Reader.ReadAsync(http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            ReleaseSlot(opened: false);
            return;
        }

        lock (_slots)
        {
            _openNow++;
            _peakOpen = Math.Max(_peakOpen, _openNow);
        }

        _open[invocation.RequestId] = invocation;
        foreach (var (name, value) in invocation.Headers)
        {
            http.Response.Headers[name] = value;
        }

        // No Content-Length, so Kestrel frames the event chunked: the emulator writes it the same way
        // (internal/lambda/rapi/rendering/rendering.go, RenderRuntimeEvent) and Go's server chunks any
        // body over 2 KB, which most real events are.
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(invocation.Event);
    }

    private async Task AnswerInvocationAsync(HttpContext http, string requestId, string kind)
    {
        if (!_open.TryGetValue(requestId, out var invocation))
        {
            if (_answered.ContainsKey(requestId))
            {
                Interlocked.Increment(ref _refused);
            }

            await Answer(http, _answered.ContainsKey(requestId) ? 403 : 400, _answered.ContainsKey(requestId)
                ? """{"errorMessage":"State transition from Ready to InvocationResponse failed for runtime.","errorType":"InvalidStateTransition"}"""
                : """{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""");
            return;
        }

        var mode = http.Request.Headers["Lambda-Runtime-Function-Response-Mode"].ToString();
        if (kind == "response" && mode.Length > 0 && mode != "streaming")
        {
            await Answer(http, 400, """{"errorMessage":"Invalid response mode","errorType":"InvalidFunctionResponseMode"}""");
            return;
        }

        var body = await ReadBodyAsync(http.Request);
        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (http.Request.SupportsTrailers() && http.Request.CheckTrailersAvailable())
        {
            foreach (var name in new[] { "Lambda-Runtime-Function-Error-Type", "Lambda-Runtime-Function-Error-Body" })
            {
                if (http.Request.GetTrailer(name) is { Count: > 0 } value)
                {
                    trailers[name] = value.ToString();
                }
            }
        }

        if (kind == "response" && body.Length > MaxResponseBytes)
        {
            if (_open.TryRemove(requestId, out _))
            {
                ReleaseSlot(opened: true);
            }

            _answered[requestId] = true;
            var error = $$"""{"errorMessage":"Exceeded maximum allowed payload size ({{MaxResponseBytes}} bytes).","errorType":"RequestEntityTooLarge"}""";
            await Answer(http, 413, error);

            // What the caller gets: the invoke failed with the platform's own error.
            invocation.Result.TrySetResult(new FakeResult("too-large", Encoding.UTF8.GetBytes(error), "Function.ResponseSizeTooLarge", "application/json", []));
            return;
        }

        if (_open.TryRemove(requestId, out _))
        {
            ReleaseSlot(opened: true);
        }

        _answered[requestId] = true;
        var result = new FakeResult(kind, body, http.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), http.Request.ContentType, trailers)
        {
            ResponseMode = mode.Length == 0 ? null : mode,
            Chunked = http.Request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase),
        };
        await Answer(http, 202, """{"status":"OK"}""");
        invocation.Result.TrySetResult(result);
    }

    private void ReleaseSlot(bool opened)
    {
        lock (_slots)
        {
            _outstanding--;
            if (opened)
            {
                _openNow--;
            }
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task Answer(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json);
    }

    private sealed record FakeInvocation(string RequestId, byte[] Event, Dictionary<string, string> Headers)
    {
        public TaskCompletionSource<FakeResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
