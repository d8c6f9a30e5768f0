using System.Diagnostics;

namespace Portable.Benchmarks.ColdStart;

/// <summary>A .NET project published with <c>dotnet publish</c> under the build lock.</summary>
/// <param name="ProjectDirectory">Project folder relative to the repository root.</param>
/// <param name="AssemblyName">Assembly (and executable) name.</param>
/// <param name="Variant">Names a build of the same project with other MSBuild properties (its own output folder).</param>
/// <param name="Properties">Extra <c>-p:</c> properties of that build.</param>
internal sealed record DotNetApp(string ProjectDirectory, string AssemblyName, string? Variant = null, params string[] Properties) : ISubjectApp
{
    public string Name => Variant is null ? AssemblyName : $"{AssemblyName}-{Variant}";

    /// <summary>The build modes this app is published in (all .NET modes unless narrowed).</summary>
    public IReadOnlyList<BuildMode> Modes { get; init; } = BuildModes.DotNet;

    public PreparedApp? Prepare(BuildMode mode, Workspace workspace)
    {
        var output = Path.Combine(workspace.WorkDirectory, "publish", $"{Name}-{mode.Label().ToLowerInvariant()}");
        var executable = Path.Combine(output, AssemblyName);
        if (!(workspace.ReusePublished && File.Exists(executable)) && !Publish(mode, workspace, output))
        {
            return null;
        }

        var note = mode == BuildMode.NativeAot ? "single binary" : "app only, + shared framework";
        return new PreparedApp(executable, [], output, Workspace.DeployedSize(output), note);
    }

    private bool Publish(BuildMode mode, Workspace workspace, string output)
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var log = output + ".log";
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workspace.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["publish", ProjectDirectory, "-c", "Release", "-o", output, "-nologo", .. mode.PublishArguments(), .. Properties.Select(p => "-p:" + p)])
        {
            start.ArgumentList.Add(argument);
        }

        Console.WriteLine($"  publish {Name} ({mode.Label()}) → {Path.GetRelativePath(workspace.RepositoryRoot, output)}");
        var watch = Stopwatch.StartNew();
        int exitCode;
        string text;
        using (BuildLock.Acquire(workspace.LockPath, "publish"))
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            text = process.StandardOutput.ReadToEnd() + stderr.GetAwaiter().GetResult();
            process.WaitForExit();
            exitCode = process.ExitCode;
        }

        File.WriteAllText(log, text);
        var aotWarnings = text.Split('\n').Where(l => l.Contains("warning IL", StringComparison.Ordinal)).Distinct().ToList();
        if (exitCode != 0)
        {
            Console.WriteLine($"  SKIP {AssemblyName} ({mode.Label()}): publish failed (exit {exitCode}); see {log}");
            return false;
        }

        Console.WriteLine($"    done in {watch.Elapsed.TotalSeconds:0}s{(aotWarnings.Count > 0 ? $", {aotWarnings.Count} trim/AOT warnings (see log)" : string.Empty)}");
        return true;
    }
}
