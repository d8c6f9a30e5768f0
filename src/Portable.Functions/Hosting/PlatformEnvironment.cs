using Microsoft.Extensions.Configuration;

namespace Portable.Functions.Hosting;

/// <summary>Builds an adapter's <see cref="PlatformInfo"/> from the platform's environment variables, the same way on every platform.</summary>
public static class PlatformEnvironment
{
    /// <summary>
    /// Creates the platform information: <paramref name="name"/>, the <c>mode</c> property when given,
    /// and each of <paramref name="variables"/> that is set to a non-empty value in <paramref name="configuration"/>
    /// (unset or empty ones are left out, so functions can tell "not on that platform" by absence).
    /// </summary>
    /// <param name="name">Platform name, e.g. <c>knative</c>, <c>gcp</c>, <c>azure</c>.</param>
    /// <param name="configuration">The app's configuration (environment variables included).</param>
    /// <param name="mode">The adapter's mode (e.g. <c>custom-handler</c>), or <see langword="null"/> for none.</param>
    /// <param name="variables">The variables to copy, e.g. <c>K_SERVICE</c>, <c>K_REVISION</c>.</param>
    /// <returns>The platform information.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static PlatformInfo Read(string name, IConfiguration configuration, string? mode, params ReadOnlySpan<string> variables)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var properties = new Dictionary<string, string>(variables.Length + 1, StringComparer.Ordinal);
        if (mode is not null)
        {
            properties["mode"] = mode;
        }

        foreach (var variable in variables)
        {
            if (configuration[variable] is { Length: > 0 } value)
            {
                properties[variable] = value;
            }
        }

        return new PlatformInfo(name, properties);
    }
}
