namespace Portable.Functions.Tests.Shared;

/// <summary>
/// Locates <c>../shared/fixtures</c> beside the repository (real provider payloads). A user's clone has
/// no <c>../shared</c>: tests that need it call <see cref="RequireFolder"/> and are skipped with the reason.
/// The environment variable <c>PORTABLE_SHARED_FIXTURES</c> names another folder instead (point it at an
/// empty or missing folder to see what a fresh clone skips, and why).
/// </summary>
internal static class SharedFixtures
{
    /// <summary>The repository root (the folder holding Portable.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The environment variable that overrides where the fixtures are looked for.</summary>
    public const string OverrideVariable = "PORTABLE_SHARED_FIXTURES";

    /// <summary>Where the fixtures are looked for: <see cref="OverrideVariable"/> when set, else <c>../shared/fixtures</c>.</summary>
    public static string ExpectedRoot =>
        Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));

    /// <summary>The shared fixtures folder, or <see langword="null"/> when absent.</summary>
    public static string? FixturesRoot
    {
        get
        {
            var path = ExpectedRoot;
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>Returns a shared fixture folder, or skips the test with a clear reason when it is absent.</summary>
    /// <param name="relative">Folder under <c>../shared/fixtures</c>, e.g. <c>aws-events</c>.</param>
    /// <returns>The absolute path.</returns>
    public static string RequireFolder(string relative)
    {
        var root = FixturesRoot;
        Skip.If(root is null, $"Needs the shared provider fixtures, and {ExpectedRoot} is absent (../shared/fixtures exists only beside the team's checkout, not in a user's clone; {OverrideVariable} names another folder).");
        var path = Path.Combine(root!, relative);
        Skip.IfNot(Directory.Exists(path), $"Needs the shared provider fixtures folder {relative}, and {path} is absent.");
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
