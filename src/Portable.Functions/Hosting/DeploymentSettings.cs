using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Functions.Hosting;

/// <summary>
/// What a <see cref="IDeploymentWriter"/> writes with: the output directory, the app's name and the
/// <c>Deploy:</c> configuration section (appsettings, environment <c>Deploy__Aws__MemorySize</c>, or
/// switches such as <c>--Deploy:Aws:MemorySize=1024</c>). Reads are checked: a value that does not
/// parse throws <see cref="InvalidOperationException"/> naming the key and what it accepts.
/// </summary>
public sealed class DeploymentSettings
{
    /// <summary>The configuration section holding the deployment settings.</summary>
    public const string SectionName = "Deploy";

    private readonly IConfiguration _section;

    /// <summary>Creates the settings.</summary>
    /// <param name="configuration">The app's configuration (its <c>Deploy</c> section is read).</param>
    /// <param name="outputDirectory">The directory the files go to.</param>
    /// <exception cref="ArgumentException">An empty directory.</exception>
    public DeploymentSettings(IConfiguration configuration, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        _section = configuration.GetSection(SectionName);
        OutputDirectory = Path.GetFullPath(outputDirectory);
        AppName = GetString("AppName", System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "app");
    }

    /// <summary>The directory the files go to (absolute).</summary>
    public string OutputDirectory { get; }

    /// <summary>
    /// The app's name (<c>Deploy:AppName</c>, default the entry assembly's name): the executable, the
    /// project file (<c>&lt;AppName&gt;.csproj</c>) and the base of the resource names.
    /// </summary>
    public string AppName { get; }

    /// <summary>Reads <c>Deploy:&lt;key&gt;</c>.</summary>
    /// <param name="key">Key below the section, e.g. <c>Aws:Runtime</c>.</param>
    /// <param name="fallback">Value when the key is missing or empty.</param>
    /// <returns>The value.</returns>
    public string GetString(string key, string fallback) => _section[key] is { Length: > 0 } value ? value : fallback;

    /// <summary>Reads <c>Deploy:&lt;key&gt;</c>, <see langword="null"/> when missing or empty.</summary>
    /// <param name="key">Key below the section.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    public string? GetOptional(string key) => _section[key] is { Length: > 0 } value ? value : null;

    /// <summary>Reads a whole number in a range.</summary>
    /// <param name="key">Key below the section.</param>
    /// <param name="fallback">Value when the key is missing.</param>
    /// <param name="min">Smallest accepted value.</param>
    /// <param name="max">Largest accepted value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">Not a whole number in the range.</exception>
    public int GetInt32(string key, int fallback, int min, int max)
    {
        if (GetOptional(key) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{SectionName}:{key} must be a whole number from {min} to {max}, not '{text}'.");
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <param name="key">Key below the section.</param>
    /// <param name="fallback">Value when the key is missing.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">Neither <c>true</c> nor <c>false</c>.</exception>
    public bool GetBoolean(string key, bool fallback)
    {
        if (GetOptional(key) is not { } text)
        {
            return fallback;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"{SectionName}:{key} must be true or false, not '{text}'.");
    }

    /// <summary>Reads one of a fixed set of values (ignoring case).</summary>
    /// <param name="key">Key below the section.</param>
    /// <param name="fallback">Value when the key is missing.</param>
    /// <param name="allowed">The accepted values, as they are returned.</param>
    /// <returns>The matching entry of <paramref name="allowed"/>.</returns>
    /// <exception cref="InvalidOperationException">A value outside the set.</exception>
    public string GetChoice(string key, string fallback, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var text = GetString(key, fallback);
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{SectionName}:{key} must be one of {string.Join(", ", allowed)}, not '{text}'.");
    }

    /// <summary>Creates <c>&lt;OutputDirectory&gt;/&lt;folder&gt;</c> when missing and returns the path of <paramref name="file"/> in it.</summary>
    /// <param name="folder">Sub-folder, e.g. <c>aws</c>.</param>
    /// <param name="file">File name (may contain further folders).</param>
    /// <returns>The full path.</returns>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    public string PathFor(string folder, string file)
    {
        var path = Path.Combine(OutputDirectory, folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
