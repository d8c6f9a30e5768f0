using System.Net;

namespace Portable.Functions.OpenFaaS;

/// <summary>Settings of the OpenFaaS host (<c>builder.UseOpenFaaS(o => ...)</c>).</summary>
public sealed class OpenFaasOptions
{
    /// <summary>
    /// Serve behind of-watchdog whatever the environment. When <see langword="null"/> (the default) the host
    /// is active only when the watchdog forked the process in http mode: <c>mode=http</c>, a function process
    /// (<c>fprocess</c> or <c>function_process</c>) and an upstream URL (<c>http_upstream_url</c> or
    /// <c>upstream_url</c>) in the environment it passes on.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>The port; <see langword="null"/> means the upstream URL's port (else <c>PORT</c>, else 8080).</summary>
    public int? Port { get; set; }

    /// <summary>The address; <see langword="null"/> means loopback when the upstream URL is a loopback one, else every interface.</summary>
    public IPAddress? BindAddress { get; set; }
}
