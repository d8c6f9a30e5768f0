using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.OpenFaaS.Tests;

/// <summary>
/// A loopback stand-in for OpenFaaS's gateway + of-watchdog in <c>mode=http</c>, written from the
/// of-watchdog README (API, HTTP mode, "Tracing / correlation IDs", "Reducing timeouts") and its
/// executor/http_runner.go: it serves <c>/_/health</c> and <c>/_/ready</c> itself (forwarding
/// <c>/_/ready</c> to <c>ready_path</c> when set), forwards every other request to the upstream URL with
/// the original path and query, headers and Host, adds the gateway's <c>X-Call-Id</c> when the caller sent
/// none, cancels the upstream call after <c>exec_timeout</c> (or a shorter <c>X-Timeout</c>) and then
/// answers 504 with no body, answers 500 when the upstream cannot be reached, and stamps
/// <c>X-Duration-Seconds</c> on every forwarded answer.
/// </summary>
internal sealed class WatchdogDouble : IAsyncDisposable
{
    private static readonly HashSet<string> s_hopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly WebApplication _web;
    private readonly HttpClient _upstream;

    private WatchdogDouble(WebApplication web, HttpClient upstream, Uri address)
    {
        _web = web;
        _upstream = upstream;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client for the watchdog's port (what the gateway would call).</summary>
    public HttpClient Client { get; }

    /// <summary>Call ids the double generated for requests that came without one.</summary>
    public List<string> GeneratedCallIds { get; } = [];

    public static async Task<WatchdogDouble> StartAsync(Uri upstreamUrl, TimeSpan execTimeout, string? readyPath = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        var upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        WatchdogDouble? self = null;
        web.Run(async http =>
        {
            var path = http.Request.Path.Value ?? "/";
            if (path == "/_/health" || (path == "/_/ready" && readyPath is null))
            {
                await http.Response.WriteAsync("OK");
                return;
            }

            var target = path == "/_/ready" ? readyPath! : path + http.Request.QueryString.Value;
            await self!.ForwardAsync(http, new Uri(upstreamUrl, target), execTimeout);
        });
        await web.StartAsync();
        var address = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        self = new WatchdogDouble(web, upstream, address);
        return self;
    }

    private async Task ForwardAsync(HttpContext http, Uri target, TimeSpan execTimeout)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), target);
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(http.Request.Body);
        }

        foreach (var (name, values) in http.Request.Headers)
        {
            if (s_hopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.Host = http.Request.Host.Value;
        if (!request.Headers.Contains("X-Call-Id"))
        {
            // The gateway's part: every call gets an id (OpenFaaS gateway, X-Call-Id).
            var callId = Guid.NewGuid().ToString();
            lock (GeneratedCallIds)
            {
                GeneratedCallIds.Add(callId);
            }

            request.Headers.Add("X-Call-Id", callId);
        }

        // http_runner.go getTimeout: X-Timeout applies only when it parses and is not longer than exec_timeout.
        var timeout = execTimeout;
        if (http.Request.Headers["X-Timeout"].ToString() is { Length: > 0 } header && TryParseSeconds(header, out var shorter) && shorter <= execTimeout)
        {
            timeout = shorter;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        if (timeout > TimeSpan.Zero)
        {
            cts.CancelAfter(timeout);
        }

        HttpResponseMessage response;
        try
        {
            response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        }
        catch (Exception) when (cts.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            Stamp(http, started);
            http.Response.Headers.Append("X-OpenFaaS-Internal", "of-watchdog");
            http.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            return;
        }
        catch (HttpRequestException)
        {
            Stamp(http, started);
            http.Response.Headers.Append("X-OpenFaaS-Internal", "of-watchdog");
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!s_hopByHop.Contains(name))
                {
                    http.Response.Headers[name] = values.ToArray();
                }
            }

            Stamp(http, started);
            await using var body = await response.Content.ReadAsStreamAsync(http.RequestAborted);
            await body.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
    }

    private static void Stamp(HttpContext http, long started) =>
        http.Response.Headers["X-Duration-Seconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("F6", CultureInfo.InvariantCulture);

    // Enough of Go's time.ParseDuration for the tests: "<n>s" and "<n>ms".
    private static bool TryParseSeconds(string text, out TimeSpan value)
    {
        value = default;
        if (text.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            value = TimeSpan.FromMilliseconds(ms);
            return true;
        }

        if (text.EndsWith('s') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
        {
            value = TimeSpan.FromSeconds(s);
            return true;
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _upstream.Dispose();
        await _web.DisposeAsync();
    }
}
