namespace Portable.Functions.Azure;

/// <summary>Settings of the Azure Functions custom-handler host and of the metadata it generates.</summary>
public sealed class AzureCustomHandlerOptions
{
    /// <summary>Port to listen on; <see langword="null"/> reads <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>. 0 picks a free port (tests).</summary>
    public int? Port { get; set; }

    /// <summary>
    /// The host's HTTP route prefix, written to <c>host.json</c> (<c>extensions.http.routePrefix</c>) and
    /// stripped from request URLs before routing. Default <c>api</c> (Azure's default); set it to an
    /// empty string to serve the portable routes at the site root, as on the other platforms.
    /// </summary>
    public string RoutePrefix { get; set; } = "api";

    /// <summary>
    /// <c>defaultExecutablePath</c> in <c>host.json</c>; <see langword="null"/> uses the running
    /// executable's file name (the entry assembly's name under <c>dotnet app.dll</c>).
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>
    /// Serve HTTP functions through the host's request proxying (<c>enableProxyingHttpRequest</c> in
    /// <c>host.json</c>; Functions hosts from 2025 on): the host forwards the live request to the
    /// handler, so binary bodies, multi-value headers, cookies and streamed responses pass unchanged.
    /// Non-HTTP triggers still arrive as invocation payloads. Default <see langword="false"/> (payload
    /// mode for everything: text bodies only, no cookies), because older hosts ignore the setting.
    /// </summary>
    public bool EnableProxying { get; set; }

    /// <summary>
    /// <c>authLevel</c> of HTTP triggers in the generated <c>function.json</c> unless a function sets its
    /// own (<c>AzureAuthLevel</c>): <c>function</c> (default: callers need a function key),
    /// <c>anonymous</c> or <c>admin</c>. Any other value fails the metadata writing with an
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    public string DefaultAuthLevel { get; set; } = AzureBindings.DefaultAuthLevel;

    /// <summary>Extension bundle version range for non-HTTP bindings. Default <c>[4.*, 5.0.0)</c>.</summary>
    public string ExtensionBundleVersion { get; set; } = "[4.*, 5.0.0)";

    /// <summary><c>functionTimeout</c> in <c>host.json</c>; <see langword="null"/> leaves the plan's default.</summary>
    public TimeSpan? FunctionTimeout { get; set; }

    /// <summary>
    /// Largest invocation payload accepted (the host's JSON, which base64-encodes binary bodies and so
    /// is about 4/3 of the HTTP body). Larger payloads get 413. Default 140 MB, above the 100 MB HTTP
    /// request limit of the Functions front end.
    /// </summary>
    public long MaxPayloadBytes { get; set; } = 140_000_000;
}
