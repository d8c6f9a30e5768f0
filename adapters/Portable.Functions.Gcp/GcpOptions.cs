using Portable.Functions.AspNetCore;

namespace Portable.Functions.Gcp;

/// <summary>Settings of the Google Cloud Functions host.</summary>
public sealed class GcpOptions
{
    /// <summary>
    /// The underlying Kestrel server's settings (bind address, <see cref="FunctionWebServerOptions.MaxConcurrentRequests"/>
    /// for 429 on overload, h2c, ...). A <see cref="FunctionWebServerOptions.Port"/> set here wins over
    /// <c>--port</c>/<c>PORT</c>; <c>/robots.txt</c> and <c>/favicon.ico</c> are added to the not-found paths. When
    /// <see cref="FunctionWebServerOptions.BindAddress"/> is unset the host binds every interface if <c>K_SERVICE</c>
    /// or <c>DOTNET_RUNNING_IN_CONTAINER=true</c> is set (Cloud Run, containers), else loopback only (local
    /// runs); set <see cref="System.Net.IPAddress.Any"/> to listen everywhere regardless.
    /// </summary>
    public FunctionWebServerOptions Server { get; } = new();

    /// <summary>
    /// Project id for <c>logging.googleapis.com/trace</c> (<c>projects/ID/traces/TRACE</c>), so Cloud Logging
    /// links entries to Cloud Trace. <see langword="null"/> reads <c>GOOGLE_CLOUD_PROJECT</c>, then
    /// <c>GCP_PROJECT</c>; when none is set the bare trace id is written.
    /// </summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// Cloud Logging JSON lines instead of plain text. <see langword="null"/> (default): on when the host is
    /// active (<c>FUNCTION_TARGET</c> or <c>--target</c>) and <c>K_SERVICE</c> is set, i.e. on Cloud Run functions.
    /// </summary>
    public bool? StructuredLogging { get; set; }

    /// <summary>Where JSON log lines go; standard output when <see langword="null"/> (tests capture it).</summary>
    internal TextWriter? LogWriter { get; set; }
}
