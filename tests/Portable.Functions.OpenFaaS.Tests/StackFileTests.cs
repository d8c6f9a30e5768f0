using Microsoft.Extensions.Configuration;

namespace Portable.Functions.OpenFaaS.Tests;

/// <summary>The stack.yml that <c>--write-deploy-files</c> writes: its function environment is what the adapter detects and reads.</summary>
public sealed class StackFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pf-openfaas-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task GeneratedStackFile_ActivatesTheAdapter_WithItsPortAndTimeouts()
    {
        var written = await WriteAsync(new Dictionary<string, string?> { ["Deploy:AppName"] = "HelloHttp", ["Deploy:OpenFaaS:ExecTimeoutSeconds"] = "20" });
        var environment = ReadEnvironment(Assert.Single(written, p => p.EndsWith("stack.yml", StringComparison.Ordinal)), "hello-http");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

        var settings = OpenFaasSettings.Read(configuration);

        Assert.True(OpenFaasSettings.IsWatchdog(configuration));
        Assert.Null(settings.UpstreamError);
        Assert.Equal(5000, settings.Port);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.InvocationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(27), settings.HealthcheckInterval + settings.WriteTimeout);
        Assert.Equal("/health/ready", settings.ReadyPath);
        Assert.Equal("/app/HelloHttp", environment["fprocess"]);
    }

    [Fact]
    public async Task GeneratedDockerfile_RunsTheWatchdogWithTheAppAsItsProcess()
    {
        var written = await WriteAsync(new Dictionary<string, string?> { ["Deploy:AppName"] = "HelloHttp" });
        var dockerfile = File.ReadAllLines(Assert.Single(written, p => p.EndsWith("Dockerfile", StringComparison.Ordinal)));

        Assert.Contains(dockerfile, l => l.StartsWith("COPY --from=watchdog /fwatchdog", StringComparison.Ordinal));
        Assert.Contains(dockerfile, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.Equal("ENTRYPOINT [\"/usr/bin/fwatchdog\"]", dockerfile.Last(l => l.Length > 0));
    }

    [Fact]
    public async Task AnOutOfRangeTimeout_FailsWithTheKeyNamed()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => WriteAsync(new Dictionary<string, string?> { ["Deploy:OpenFaaS:ExecTimeoutSeconds"] = "0" }));

        Assert.Contains("ExecTimeoutSeconds", error.Message, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> WriteAsync(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        await using var app = HelloHttp.HelloHttpApp.Build(FunctionApp.CreateBuilder());
        return new Deploy.OpenFaasDeploymentWriter().Write(app, new Portable.Functions.Hosting.DeploymentSettings(configuration, _directory));
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
                values[line[..colon].Trim()] = Unquote(line[(colon + 1)..].Trim());
            }
        }

        Assert.NotEmpty(values);
        return values;
    }

    // A YAML scalar as written by the generator: plain, 'single-quoted' ('' is a quote) or "double-quoted".
    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1].Replace("''", "'", StringComparison.Ordinal)
        : value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1]
        : value;
}
