using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Portable.Functions.Packaging.Tests;

/// <summary>
/// Every shipped project of the repository (src/* and adapters/* except those marked not packable),
/// packed once per test run with <c>dotnet pack --no-build</c> into a temporary folder, as a user's feed
/// would hold them.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Packs every shipped project.</summary>
    public PackedPackages()
    {
        RepositoryRoot = FindRoot();
        Folder = Directory.CreateTempSubdirectory("pf-packages-").FullName;
        // The test runs from bin/<configuration>/<tfm>/: pack the projects as that configuration built them.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        Projects = ShippedProjects(RepositoryRoot);
        Packages = Projects.Select(project => Pack(project, configuration)).ToList();
        Templates = Pack(TemplatesProject, configuration);
    }

    /// <summary>The <c>dotnet new</c> templates package's project, relative to the root.</summary>
    public const string TemplatesProject = "templates/Portable.Functions.Templates/Portable.Functions.Templates.csproj";

    /// <summary>The folder holding Portable.sln.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The feed folder the packages were written to.</summary>
    public string Folder { get; }

    /// <summary>Project files (relative to the root) of every shipped project.</summary>
    public IReadOnlyList<string> Projects { get; }

    /// <summary>One entry per package.</summary>
    public IReadOnlyList<PackedPackage> Packages { get; }

    /// <summary>
    /// The templates package: content only (no assembly, no symbols), so it is kept out of
    /// <see cref="Packages"/>, whose rules are those of a library.
    /// </summary>
    public PackedPackage Templates { get; }

    /// <summary>The package with this id.</summary>
    /// <param name="id">Package id.</param>
    /// <returns>The package.</returns>
    public PackedPackage this[string id] => Packages.Single(p => p.Id == id);

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>src/*/*.csproj and adapters/*/*.csproj that do not opt out with IsPackable=false.</summary>
    /// <param name="root">Repository root.</param>
    /// <returns>Relative project paths, sorted.</returns>
    public static IReadOnlyList<string> ShippedProjects(string root) =>
        new[] { "src", "adapters" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => !File.ReadAllText(path).Contains("<IsPackable>false</IsPackable>", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private PackedPackage Pack(string project, string configuration)
    {
        var id = Path.GetFileNameWithoutExtension(project);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "pack", project, "-c", configuration, "--no-build", "--no-restore", "-o", Folder, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_packTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet pack {project} did not finish in {s_packTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack {project} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }

        var nupkg = Directory.GetFiles(Folder, $"{id}.*.nupkg").Single(path => IsVersionOf(Path.GetFileName(path), id));
        using var zip = ZipFile.OpenRead(nupkg);
        var nuspec = XDocument.Load(zip.GetEntry($"{id}.nuspec")!.Open());
        var entries = zip.Entries.ToDictionary(e => e.FullName, e => ReadAll(e), StringComparer.Ordinal);
        var snupkg = Path.ChangeExtension(nupkg, ".snupkg");
        return new PackedPackage(id, project, nuspec, entries, File.Exists(snupkg) ? snupkg : null);
    }

    // Portable.Functions.0.2.0.nupkg must not match Portable.Functions.Aws.0.2.0.nupkg: the id is
    // followed by the version, which starts with a digit.
    private static bool IsVersionOf(string fileName, string id) =>
        fileName.Length > id.Length + 1 && char.IsAsciiDigit(fileName[id.Length + 1]);

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portable.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Portable.sln not found above " + AppContext.BaseDirectory);
    }
}
