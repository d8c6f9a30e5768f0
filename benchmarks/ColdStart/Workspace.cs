namespace Portable.Benchmarks.ColdStart;

/// <summary>Where things are: the repository, the scratch folder and the build lock.</summary>
/// <param name="RepositoryRoot">Repository root (the folder with Portable.sln).</param>
/// <param name="LockPath">The machine-wide build lock file.</param>
/// <param name="ReusePublished">Skip publishing when an earlier publish output exists.</param>
internal sealed record Workspace(string RepositoryRoot, string LockPath, bool ReusePublished)
{
    /// <summary>Scratch folder (gitignored): publish outputs, logs, npm installs.</summary>
    public string WorkDirectory => Path.Combine(RepositoryRoot, "benchmarks", ".work");

    /// <summary>Finds the repository root by walking up from <paramref name="start"/>.</summary>
    /// <exception cref="InvalidOperationException">No Portable.sln above <paramref name="start"/>.</exception>
    public static string FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portable.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Portable.sln found above {start}; run from inside the repository.");
    }

    /// <summary>Bytes of deployable files under a folder (debug symbols excluded).</summary>
    public static long DeployedSize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => f.Extension is not (".pdb" or ".dbg"))
            .Sum(f => f.Length);
}
