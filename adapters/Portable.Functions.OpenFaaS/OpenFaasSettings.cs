using System.Net;
using Microsoft.Extensions.Configuration;

namespace Portable.Functions.OpenFaaS;

/// <summary>
/// What of-watchdog in <c>http</c> mode tells the function process through the environment it forks it
/// with (of-watchdog README, Configuration; config.go): where to listen, and the timeouts it enforces.
/// </summary>
internal sealed record OpenFaasSettings
{
    /// <summary>The watchdog's default for <c>exec_timeout</c>, <c>write_timeout</c> and <c>read_timeout</c> (config.go).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The port the watchdog forwards to: the port of <c>http_upstream_url</c> / <c>upstream_url</c>.</summary>
    public int Port { get; init; }

    /// <summary>Loopback when the upstream URL names it (the usual <c>http://127.0.0.1:5000</c>): only the watchdog calls the function.</summary>
    public IPAddress? BindAddress { get; init; }

    /// <summary><c>exec_timeout</c>: the watchdog cancels the upstream call after it and answers 504; zero disables it.</summary>
    public TimeSpan ExecTimeout { get; init; } = DefaultTimeout;

    /// <summary><c>write_timeout</c>: the watchdog's HTTP server write timeout, and its drain limit after SIGTERM.</summary>
    public TimeSpan WriteTimeout { get; init; } = DefaultTimeout;

    /// <summary><c>healthcheck_interval</c> (default <c>write_timeout</c>): how long the watchdog keeps accepting after SIGTERM.</summary>
    public TimeSpan HealthcheckInterval { get; init; } = DefaultTimeout;

    /// <summary><c>ready_path</c>: when set, the watchdog forwards <c>/_/ready</c> to this path of the function.</summary>
    public string? ReadyPath { get; init; }

    /// <summary>The invocation timeout the watchdog imposes: the shorter of a non-zero <c>exec_timeout</c> and <c>write_timeout</c>.</summary>
    public TimeSpan InvocationTimeout => ExecTimeout > TimeSpan.Zero && ExecTimeout < WriteTimeout ? ExecTimeout : WriteTimeout;

    /// <summary>True when the process was forked by of-watchdog in http mode: <c>mode=http</c>, a function process and an upstream URL.</summary>
    public static bool IsWatchdog(IConfiguration configuration) =>
        string.Equals(configuration["mode"], "http", StringComparison.OrdinalIgnoreCase)
        && (!string.IsNullOrEmpty(configuration["fprocess"]) || !string.IsNullOrEmpty(configuration["function_process"]))
        && UpstreamUrl(configuration) is not null;

    /// <summary>Why the upstream URL cannot be served, if it cannot; the host throws it at start-up.</summary>
    public string? UpstreamError { get; init; }

    /// <summary>Reads the settings; timeouts the watchdog could not parse take its default, as it does.</summary>
    /// <remarks>Never throws: an unusable upstream URL is reported in <see cref="UpstreamError"/>.</remarks>
    public static OpenFaasSettings Read(IConfiguration configuration)
    {
        var text = UpstreamUrl(configuration);
        var port = 8080;
        IPAddress? bind = null;
        string? error = null;
        if (text is null)
        {
            // No upstream URL (a local run with UseOpenFaaS(o => o.Enabled = true)): PORT or 8080 as usual.
            port = int.TryParse(configuration["PORT"], out var configured) && configured is >= 0 and <= IPEndPoint.MaxPort ? configured : 8080;
        }
        else if (Uri.TryCreate(text, UriKind.Absolute, out var upstream) && upstream.Scheme == Uri.UriSchemeHttp && upstream.Port is > 0 and <= IPEndPoint.MaxPort)
        {
            port = upstream.Port;
            bind = upstream.IsLoopback ? IPAddress.Loopback : null;
        }
        else
        {
            error = $"upstream_url='{text}' is not an http:// URL with a port (the watchdog forwards plain HTTP to it).";
        }

        var write = Duration(configuration, "write_timeout", DefaultTimeout);
        return new OpenFaasSettings
        {
            Port = port,
            BindAddress = bind,
            ExecTimeout = Duration(configuration, "exec_timeout", DefaultTimeout),
            WriteTimeout = write,
            HealthcheckInterval = Duration(configuration, "healthcheck_interval", write),
            UpstreamError = error,
            ReadyPath = configuration["ready_path"] is { Length: > 0 } ready ? (ready[0] == '/' ? ready : "/" + ready) : null,
        };
    }

    // config.go reads upstream_url, then http_upstream_url, the latter winning.
    private static string? UpstreamUrl(IConfiguration configuration) =>
        configuration["http_upstream_url"] is { Length: > 0 } http ? http
        : configuration["upstream_url"] is { Length: > 0 } url ? url
        : null;

    private static TimeSpan Duration(IConfiguration configuration, string name, TimeSpan fallback) =>
        GoDuration.TryParse(configuration[name], out var value) && value >= TimeSpan.Zero ? value : fallback;
}
