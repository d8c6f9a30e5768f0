namespace Portable.Functions.Tests.Shared;

/// <summary>
/// Locates <c>../shared/fixtures</c> beside the repository (real provider payloads). A user's clone has
/// no <c>../shared</c>: tests that need it call <see cref="RequireFolder"/> and are skipped with the reason.
/// </summary>
internal static class SharedFixtures
{
    /// <summary>The repository root (the folder holding Portable.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The shared fixtures folder, or <see langword="null"/> when absent.</summary>
    public static string? FixturesRoot
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>Returns a shared fixture folder, or skips the test with a clear reason when it is absent.</summary>
    /// <param name="relative">Folder under <c>../shared/fixtures</c>, e.g. <c>aws-events</c>.</param>
    /// <returns>The absolute path.</returns>
    public static string RequireFolder(string relative)
    {
        var root = FixturesRoot;
        Skip.If(root is null, "../shared/fixtures is absent (it exists only beside the team's checkout, not in a user's clone).");
        var path = Path.Combine(root!, relative);
        Skip.IfNot(Directory.Exists(path), $"../shared/fixtures/{relative} is absent.");
        return path;
    }

    /// <summary>Reads a fixture file as bytes with any UTF-8 BOM removed (some upstream files carry one).</summary>
    /// <param name="path">Absolute path.</param>
    /// <returns>The bytes.</returns>
    public static byte[] ReadWithoutBom(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? bytes[3..] : bytes;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Portable.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Portable.sln not found above " + AppContext.BaseDirectory);
    }
}
