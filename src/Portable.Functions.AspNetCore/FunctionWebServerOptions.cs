using System.Net;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// Settings of a <see cref="FunctionWebServer"/>. Each adapter fills them from its own options and its
/// platform's contract (port variable, bind address, health paths); <c>ASPNETCORE_URLS</c> is never read,
/// because .NET container images set it to 8080 and it must not override the platform's port.
/// </summary>
public sealed class FunctionWebServerOptions
{
    /// <summary>Port to listen on; <see langword="null"/> reads <c>PORT</c>, default 8080. 0 picks a free port (tests).</summary>
    public int? Port { get; set; }

    /// <summary>
    /// Serve h2c (HTTP/2 with prior knowledge) instead of HTTP/1.1; Kestrel cannot offer both on one
    /// cleartext port. <see langword="null"/> reads <c>PORTABLE_HTTP_PROTOCOL</c> (<c>h2c</c> or <c>http1</c>), default HTTP/1.1.
    /// </summary>
    public bool? UseH2c { get; set; }

    /// <summary>Address to bind; <see langword="null"/> binds all interfaces (IPv4 and IPv6).</summary>
    public IPAddress? BindAddress { get; set; }

    /// <summary>
    /// Largest request body; beyond it the body stream fails and the pipeline answers 413.
    /// <see langword="null"/> uses <see cref="FunctionOptions.MaxRequestBodySize"/>.
    /// </summary>
    public long? MaxRequestBodySize { get; set; }

    /// <summary>Largest total size of request headers; beyond it Kestrel answers 431. Default 32 KB.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>
    /// In-flight request limit; requests beyond it get 429 with <c>Retry-After: 1</c>. <see langword="null"/>
    /// reads <c>PORTABLE_MAX_CONCURRENCY</c>; 0 or no setting = unlimited (requests are then not counted).
    /// </summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>
    /// Paths answered with an empty 200 for every method, before the concurrency limit and without
    /// invoking a function (readiness and liveness probes). Compared exactly. Empty by default; a
    /// function route equal to one of them fails start-up.
    /// </summary>
    public IList<string> HealthPaths { get; } = new List<string>();

    /// <summary>
    /// Paths answered with an empty 404 for every method without invoking any function; a listed path
    /// also covers its sub-paths (<c>/robots.txt/x</c>). Compared ignoring case, checked first. Empty by default.
    /// </summary>
    public IList<string> NotFoundPaths { get; } = new List<string>();
}
