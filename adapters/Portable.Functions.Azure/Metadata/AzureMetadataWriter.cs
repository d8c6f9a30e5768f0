using System.Text.Json;

namespace Portable.Functions.Azure;

/// <summary>
/// Writes the deployment metadata a custom-handler app needs next to its executable: <c>host.json</c>
/// (the <c>customHandler</c> section, extension bundle range, route prefix) and one
/// <c>&lt;function&gt;/function.json</c> per registered function, from the functions' Azure metadata.
/// </summary>
/// <remarks>
/// Run it at build or publish time with <c>app --write-azure-metadata &lt;dir&gt;</c> (see
/// <see cref="AzureFunctionAppBuilderExtensions.UseAzureCustomHandler"/>), or call it from code. Existing
/// files are overwritten; folders of functions that no longer exist are not removed.
/// </remarks>
public static class AzureMetadataWriter
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = true };

    /// <summary>Writes <c>host.json</c> and the <c>function.json</c> files into <paramref name="directory"/>.</summary>
    /// <param name="app">The app whose functions are written.</param>
    /// <param name="directory">Target directory (the app root); created when missing.</param>
    /// <param name="options">Host settings; defaults when <see langword="null"/>.</param>
    /// <returns>The paths written, <c>host.json</c> first.</returns>
    /// <exception cref="InvalidOperationException">A function cannot be expressed as an Azure function (e.g. route <c>/</c>).</exception>
    /// <exception cref="IOException">A file cannot be written.</exception>
    public static IReadOnlyList<string> Write(FunctionApp app, string directory, AzureCustomHandlerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options ??= new AzureCustomHandlerOptions();
        if (options.DefaultAuthLevel is not ("anonymous" or "function" or "admin"))
        {
            throw new InvalidOperationException($"Authorization level '{options.DefaultAuthLevel}' is not one of anonymous, function, admin.");
        }

        var bindings = app.Functions.Select(f => AzureBindings.ForCustomHandler(f, options.DefaultAuthLevel)).ToList();
        Directory.CreateDirectory(directory);
        var written = new List<string>(bindings.Count + 1);
        var hostPath = Path.Combine(directory, "host.json");
        File.WriteAllBytes(hostPath, HostJson(options));
        written.Add(hostPath);
        foreach (var binding in bindings)
        {
            var folder = Path.Combine(directory, binding.Function.Name);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "function.json");
            File.WriteAllBytes(path, FunctionJson(binding));
            written.Add(path);
        }

        return written;
    }

    /// <summary>The <c>host.json</c> content.</summary>
    /// <param name="options">Host settings.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] HostJson(AzureCustomHandlerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("version", "2.0");
            if (options.FunctionTimeout is { } timeout)
            {
                writer.WriteString("functionTimeout", timeout.ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture));
            }

            writer.WriteStartObject("customHandler");
            writer.WriteStartObject("description");
            var (executable, arguments) = options.ExecutablePath is { } configured ? (configured, []) : DefaultCommand();
            writer.WriteString("defaultExecutablePath", executable);
            writer.WriteString("workingDirectory", string.Empty);
            writer.WriteStartArray("arguments");
            foreach (var argument in arguments)
            {
                writer.WriteStringValue(argument);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();

            // Payload mode unless proxying is asked for: forwarding rebuilds and buffers the request,
            // so it adds nothing that proxying does not do better.
            writer.WriteBoolean("enableForwardingHttpRequest", false);
            if (options.EnableProxying)
            {
                writer.WriteBoolean("enableProxyingHttpRequest", true);
            }
            writer.WriteEndObject();

            writer.WriteStartObject("extensionBundle");
            writer.WriteString("id", "Microsoft.Azure.Functions.ExtensionBundle");
            writer.WriteString("version", options.ExtensionBundleVersion);
            writer.WriteEndObject();

            writer.WriteStartObject("extensions");
            writer.WriteStartObject("http");
            writer.WriteString("routePrefix", options.RoutePrefix);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The <c>function.json</c> content of one function as the isolated worker binds it (an event function without a trigger over HTTP; <see cref="Write"/> binds it to Event Grid).</summary>
    /// <param name="function">A registered function.</param>
    /// <returns>UTF-8 JSON.</returns>
    /// <exception cref="InvalidOperationException">The function cannot be expressed as an Azure function.</exception>
    public static byte[] FunctionJson(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return FunctionJson(AzureBindings.For(function));
    }

    internal static byte[] FunctionJson(AzureBindings binding) => AzureFunctionJson.Write(binding);

    // A native (AOT or apphost) executable is started directly; a framework-dependent app started as
    // `dotnet app.dll` is written the same way, because the host resolves `dotnet` from PATH.
    private static (string Executable, string[] Arguments) DefaultCommand()
    {
        var process = Path.GetFileName(Environment.ProcessPath);
        if (process is not null && !Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return (process, []);
        }

        var entry = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name
            ?? throw new InvalidOperationException("Cannot tell the app's executable; set AzureCustomHandlerOptions.ExecutablePath.");
        return ("dotnet", [entry + ".dll"]);
    }
}
