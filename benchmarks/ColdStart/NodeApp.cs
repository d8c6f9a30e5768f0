using System.Diagnostics;
using System.Text.Json;

namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// The Node.js peer: a package folder copied to the scratch folder and <c>npm install</c>ed there (at run
/// time, so node_modules never enters the repository), started with the package's own CLI.
/// </summary>
/// <param name="PackageDirectory">Folder with package.json and the function, relative to the repository root.</param>
/// <param name="Cli">Package whose <c>bin</c> starts the server.</param>
/// <param name="CliArguments">Arguments to the CLI.</param>
internal sealed record NodeApp(string PackageDirectory, string Cli, IReadOnlyList<string> CliArguments) : ISubjectApp
{
    public string Name => Path.GetFileName(PackageDirectory);

    public IReadOnlyList<BuildMode> Modes => [BuildMode.Node];

    public PreparedApp? Prepare(BuildMode mode, Workspace workspace)
    {
        if (Which("node") is not { } node || Which("npm") is not { } npm)
        {
            Console.WriteLine($"  SKIP {Name}: node/npm not found on PATH (install nodejs and npm to include the Node.js peer)");
            return null;
        }

        var work = Path.Combine(workspace.WorkDirectory, "node", Name);
        var source = Path.Combine(workspace.RepositoryRoot, PackageDirectory);
        Directory.CreateDirectory(work);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(work, Path.GetFileName(file)), overwrite: true);
        }

        var cliPackage = Path.Combine(work, "node_modules", Cli, "package.json");
        if (!(workspace.ReusePublished && File.Exists(cliPackage)) && !Install(npm, work, workspace))
        {
            return null;
        }

        var entry = Path.Combine(Path.GetDirectoryName(cliPackage)!, ReadBin(cliPackage));
        var size = Workspace.DeployedSize(work);
        return new PreparedApp(node, [entry, .. CliArguments], work, size, "with node_modules, + node");
    }

    private bool Install(string npm, string work, Workspace workspace)
    {
        Console.WriteLine($"  npm install in {Path.GetRelativePath(workspace.RepositoryRoot, work)}");
        var start = new ProcessStartInfo(npm, ["install", "--no-audit", "--no-fund", "--omit=dev", "--loglevel=error"])
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (BuildLock.Acquire(workspace.LockPath, "npm install"))
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"  SKIP {Name}: npm install failed (exit {process.ExitCode}): {stdout}{stderr.GetAwaiter().GetResult()}");
                return false;
            }
        }

        return true;
    }

    // "bin" is either a path or an object of command name → path; the first command is the server.
    private static string ReadBin(string packageJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(packageJson));
        var bin = document.RootElement.GetProperty("bin");
        return bin.ValueKind == JsonValueKind.String ? bin.GetString()! : bin.EnumerateObject().First().Value.GetString()!;
    }

    private static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
}
