using System.Net;

namespace Portable.Functions.Knative;

/// <summary>
/// Settings of the Kestrel host. Defaults follow the Knative Serving runtime contract; the port comes
/// from <c>PORT</c> (8080 when unset) and <c>ASPNETCORE_URLS</c> is ignored on purpose, because .NET
/// container images set it to 8080 and it must not override the platform's port.
/// </summary>
public sealed class KnativeOptions
{
    /// <summary>Port to listen on; <see langword="null"/> reads <c>PORT</c>, default 8080. 0 picks a free port (tests).</summary>
    public int? Port { get; set; }

    /// <summary>Address to bind; <see langword="null"/> binds all interfaces (IPv4 and IPv6), as Knative requires.</summary>
    public IPAddress? BindAddress { get; set; }

    /// <summary>Readiness endpoint (Knative Functions' default path). Set <see langword="null"/> to disable.</summary>
    public string? ReadinessPath { get; set; } = "/health/readiness";

    /// <summary>Liveness endpoint (Knative Functions' default path). Set <see langword="null"/> to disable.</summary>
    public string? LivenessPath { get; set; } = "/health/liveness";

    /// <summary>
    /// In-flight request limit; requests beyond it get 429 with <c>Retry-After: 1</c> (Knative retries
    /// 429). <see langword="null"/> (default) = unlimited, like <c>containerConcurrency: 0</c>. Read from
    /// <c>PORTABLE_MAX_CONCURRENCY</c> when unset; keep it equal to the manifest's containerConcurrency.
    /// </summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>
    /// Serve h2c (HTTP/2 with prior knowledge) instead of HTTP/1.1. Kestrel cannot offer both on one
    /// cleartext port, so this follows the Knative port name: <c>h2c</c> pins HTTP/2, anything else
    /// HTTP/1.1. <see langword="null"/> reads <c>PORTABLE_HTTP_PROTOCOL</c> (<c>h2c</c> or <c>http1</c>), default HTTP/1.1.
    /// </summary>
    public bool? UseH2c { get; set; }

    /// <summary>Largest total size of request headers; beyond it Kestrel answers 431. Default 32 KB.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Platform name reported on the context; <see langword="null"/> = <c>knative</c> when <c>K_SERVICE</c> is set, else <c>local</c>.</summary>
    public string? PlatformName { get; set; }
}
