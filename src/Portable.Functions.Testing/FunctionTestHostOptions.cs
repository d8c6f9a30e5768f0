using Microsoft.Extensions.DependencyInjection;

namespace Portable.Functions.Testing;

/// <summary>How <see cref="FunctionTestHost.Create"/> builds the app under test.</summary>
public sealed class FunctionTestHostOptions
{
    /// <summary>Command-line arguments the app's builder sees (<c>FunctionApp.CreateBuilder(args)</c>).</summary>
    public IList<string> Args { get; } = new List<string>();

    /// <summary>
    /// Configuration values (keys as in <c>appsettings.json</c>, e.g. <c>Quotes:Currency</c>) added over the
    /// app's own sources before its builder method runs, so the app's code reads them.
    /// </summary>
    public IDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Changes the services after the app's own registrations and before the container is built: replace
    /// a repository or a clock with a fake (<c>services.AddSingleton&lt;IClock&gt;(fake)</c>; the last
    /// registration wins for a single service).
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>
    /// Keep the app's own log providers (console, platform format) besides the capture. Off by default, so
    /// test output holds only what the test prints.
    /// </summary>
    public bool KeepAppLogProviders { get; set; }
}
