using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Hosting;

/// <summary>
/// The <c>--write-deploy-files &lt;dir&gt;</c> command: runs every registered <see cref="IDeploymentWriter"/>
/// and exits. <see cref="FunctionApp.RunAsync"/> only checks the configuration key; the writers (and the
/// container built to resolve them) are touched only when the switch is given.
/// </summary>
internal static class DeploymentFiles
{
    /// <summary>Configuration key of the switch (<c>--write-deploy-files &lt;dir&gt;</c>).</summary>
    public const string SwitchKey = "write-deploy-files";

    /// <summary>
    /// <c>Deploy:Platforms</c>: a comma-separated list of platform names (<c>aws,gcp</c>) limiting the
    /// writers that run, so one app writes one layout per cloud (its API on AWS, its consumers on Google)
    /// without registering its adapters differently. Unset: every registered writer runs.
    /// </summary>
    public const string PlatformsKey = "Platforms";

    /// <summary>Writes the files; returns the exit code (1 with one Critical line on failure).</summary>
    public static int Write(FunctionApp app, string directory)
    {
        try
        {
            var writers = app.Services.GetServices<IDeploymentWriter>().ToList();
            if (writers.Count == 0)
            {
                throw new InvalidOperationException(
                    "No adapter that writes deployment files is registered: call builder.UseAws(), UseGcp(), UseAzureCustomHandler() or UseKnative() before Build().");
            }

            var settings = new DeploymentSettings(app.Configuration, directory);
            writers = Select(writers, settings.GetOptional(PlatformsKey));
            // Writers may share a file (Knative and GCP both write the same container/Dockerfile).
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var writer in writers)
            {
                foreach (var path in writer.Write(app, settings))
                {
                    if (written.Add(path))
                    {
                        app.Logger.LogInformation("Wrote {Path}", path);
                    }
                }
            }

            app.Logger.LogInformation("Wrote {Count} deployment file(s) for {Platforms} into {Directory}.", written.Count, string.Join(", ", writers.Select(w => w.Platform)), settings.OutputDirectory);
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            app.Logger.LogCritical(app.IsDevelopment ? exception : null, "Writing deployment files failed: {Message}", exception.Message);
            Environment.ExitCode = 1;
            return 1;
        }
    }

    /// <summary>The writers <c>Deploy:Platforms</c> names, in registration order; all when it is unset.</summary>
    /// <exception cref="InvalidOperationException">A name no registered writer has (the message lists the registered ones).</exception>
    private static List<IDeploymentWriter> Select(List<IDeploymentWriter> writers, string? platforms)
    {
        if (platforms is null)
        {
            return writers;
        }

        var wanted = platforms.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = wanted.Where(name => !writers.Any(w => string.Equals(w.Platform, name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0 || wanted.Length == 0)
        {
            throw new InvalidOperationException(
                $"{DeploymentSettings.SectionName}:{PlatformsKey} must list registered platforms ({string.Join(", ", writers.Select(w => w.Platform))}), not '{platforms}'.");
        }

        return writers.Where(w => wanted.Contains(w.Platform, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
