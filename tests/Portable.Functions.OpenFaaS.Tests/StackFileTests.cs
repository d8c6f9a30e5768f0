using Microsoft.Extensions.Configuration;

namespace Portable.Functions.OpenFaaS.Tests;

/// <summary>The documented stack.yml example: its function environment is what the adapter detects and reads.</summary>
public sealed class StackFileTests
{
    [Fact]
    public void StackFileEnvironment_ActivatesTheAdapter_WithItsPortAndTimeouts()
    {
        var environment = ReadEnvironment(Path.Combine(RepositoryRoot(), "adapters", "Portable.Functions.OpenFaaS", "stack.yml"), "hello-http");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

        var settings = OpenFaasSettings.Read(configuration);

        Assert.True(OpenFaasSettings.IsWatchdog(configuration));
        Assert.Null(settings.UpstreamError);
        Assert.Equal(5000, settings.Port);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.InvocationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(37), settings.HealthcheckInterval + settings.WriteTimeout);
        Assert.Equal("/health/ready", settings.ReadyPath);
    }

    // Enough YAML for a stack file: the `environment:` map of one function, two-space indentation.
    private static Dictionary<string, string> ReadEnvironment(string path, string function)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var inFunction = false;
        var inEnvironment = false;
        foreach (var raw in File.ReadAllLines(path))
        {
            if (raw.TrimStart().StartsWith('#') || raw.Trim().Length == 0)
            {
                continue;
            }

            var indent = raw.Length - raw.TrimStart().Length;
            var line = raw.Trim();
            if (indent == 2)
            {
                inFunction = line == function + ":";
                inEnvironment = false;
            }
            else if (inFunction && indent == 4)
            {
                inEnvironment = line == "environment:";
            }
            else if (inEnvironment && indent == 6)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                values[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"');
            }
        }

        Assert.NotEmpty(values);
        return values;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portable.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Portable.sln not found above the test assembly.");
    }
}
