using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// A fake of the AWS Lambda Runtime API (version 2018-06-01) on loopback, following the documented
/// contract (docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) for the calls a runtime makes:
/// <c>GET /runtime/invocation/next</c> (200, event bytes, <c>Lambda-Runtime-*</c> headers; long-polls
/// while nothing is queued), <c>POST /runtime/invocation/{id}/response</c> (202 <c>{"status":"OK"}</c>,
/// 400 <c>InvalidRequestID</c> for an unknown id, 403 <c>InvalidStateTransition</c> when answered twice),
/// <c>POST /runtime/invocation/{id}/error</c> and <c>POST /runtime/init/error</c> (202). It serves one
/// invocation at a time, as Lambda does per execution environment. SnapStart restore calls are not served.
/// </summary>
internal sealed class FakeLambdaRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";
    private readonly WebApplication _web;
    private readonly Lock _gate = new();
    private LambdaInvocation? _current;
    private int _sequence;

    private FakeLambdaRuntimeApi(WebApplication web)
    {
        _web = web;
    }

    /// <summary>The <c>host:port</c> to put in <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    public static async Task<FakeLambdaRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        var api = new FakeLambdaRuntimeApi(web);
        web.Run(api.HandleAsync);
        await web.StartAsync();
        var address = web.Urls.First();
        api.Address = new Uri(address).Authority;
        return api;
    }

    /// <summary>Queues the next invoke, replacing one left unanswered by an earlier process.</summary>
    public LambdaInvocation Enqueue(byte[] payload)
    {
        lock (_gate)
        {
            _current?.Fail("superseded by a new invocation");
            var id = $"00000000-0000-4000-8000-{Interlocked.Increment(ref _sequence):D12}";
            return _current = new LambdaInvocation(id, payload);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var route = path[Prefix.Length..];
        var segments = route.Split('/');
        switch (http.Request.Method, segments)
        {
            case ("GET", ["invocation", "next"]):
                await NextAsync(http);
                return;
            case ("POST", ["invocation", var id, "response"]):
                await AnswerAsync(http, id, isError: false);
                return;
            case ("POST", ["invocation", var id, "error"]):
                await AnswerAsync(http, id, isError: true);
                return;
            case ("POST", ["init", "error"]):
                var body = await ReadBodyAsync(http);
                lock (_gate)
                {
                    _current?.Fail("init error: " + body);
                }

                await WriteJsonAsync(http, StatusCodes.Status202Accepted, """{"status":"OK"}""");
                return;
            default:
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    private async Task NextAsync(HttpContext http)
    {
        LambdaInvocation? invocation;
        lock (_gate)
        {
            invocation = _current is { Delivered: false } pending ? pending : null;
            if (invocation is not null)
            {
                invocation.Delivered = true;
            }
        }

        if (invocation is null)
        {
            // Nothing queued: hold the long poll until the runtime goes away, as Lambda freezes it.
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:coldstart";
        headers["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0";
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = invocation.Payload.Length;
        await http.Response.Body.WriteAsync(invocation.Payload);
    }

    private async Task AnswerAsync(HttpContext http, string requestId, bool isError)
    {
        var body = await ReadBodyAsync(http);
        LambdaInvocation? invocation;
        lock (_gate)
        {
            invocation = _current;
        }

        if (invocation is null || invocation.RequestId != requestId)
        {
            await WriteJsonAsync(http, StatusCodes.Status400BadRequest, """{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""");
            return;
        }

        if (!invocation.Delivered || invocation.IsAnswered)
        {
            await WriteJsonAsync(http, StatusCodes.Status403Forbidden, """{"errorMessage":"Invalid state transition","errorType":"InvalidStateTransition"}""");
            return;
        }

        if (isError)
        {
            invocation.Fail($"function error {http.Request.Headers["Lambda-Runtime-Function-Error-Type"]}: {body}");
        }
        else
        {
            invocation.Answer(body);
        }

        await WriteJsonAsync(http, StatusCodes.Status202Accepted, """{"status":"OK"}""");
    }

    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }

    private static Task WriteJsonAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json);
    }
}
