using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Portable.Functions.Docs.Tests;

/// <summary>
/// The source generators run on every block: System.Text.Json's (from the SDK's targeting pack, the
/// one a real build runs) and every dll in <c>doc-generators/</c> next to the tests, which the test
/// project fills from the MSBuild item <c>DocGenerator</c> (see the csproj: adding a generator project
/// is one <c>ProjectReference</c> line with <c>OutputItemType="DocGenerator"</c>).
/// </summary>
internal static class DocGenerators
{
    private static readonly Lazy<IReadOnlyList<ISourceGenerator>> s_generators = new(Load);

    /// <summary>The generators, loaded once.</summary>
    public static IReadOnlyList<ISourceGenerator> All => s_generators.Value;

    /// <summary>The generator assembly files, System.Text.Json's first.</summary>
    /// <returns>Full paths.</returns>
    /// <exception cref="InvalidOperationException">System.Text.Json's generator is not in the SDK's packs folder.</exception>
    public static IReadOnlyList<string> Files()
    {
        var files = new List<string> { FindSystemTextJsonGenerator() };
        var extra = Path.Combine(AppContext.BaseDirectory, "doc-generators");
        if (Directory.Exists(extra))
        {
            files.AddRange(Directory.GetFiles(extra, "*.dll").Order(StringComparer.Ordinal));
        }

        return files;
    }

    /// <summary>
    /// System.Text.Json.SourceGeneration.dll of the running runtime's targeting pack:
    /// <c>&lt;dotnet root&gt;/packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/analyzers/dotnet/</c>, in the
    /// highest <c>roslynX.Y</c> folder the loaded Roslyn supports when the pack has such folders, else in
    /// <c>cs/</c> (the .NET 10 packs' layout).
    /// </summary>
    private static string FindSystemTextJsonGenerator()
    {
        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>
        var framework = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var version = Path.GetFileName(framework);
        var root = Path.GetFullPath(Path.Combine(framework, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        var pack = Path.Combine(packs, version);
        if (!Directory.Exists(pack) && Directory.Exists(packs))
        {
            // An SDK may carry a targeting pack of another patch than the runtime it runs on.
            pack = Directory.GetDirectories(packs)
                .Where(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) && v.Major == Environment.Version.Major)
                .OrderByDescending(d => Version.Parse(Path.GetFileName(d).Split('-')[0]))
                .FirstOrDefault() ?? pack;
        }

        var analyzers = Path.Combine(pack, "analyzers", "dotnet");
        var roslyn = typeof(Compilation).Assembly.GetName().Version!;
        var folder = Directory.Exists(analyzers)
            ? Directory.GetDirectories(analyzers, "roslyn*")
                .Select(d => (Path: d, Version: Version.TryParse(Path.GetFileName(d)["roslyn".Length..], out var v) ? v : null))
                .Where(d => d.Version is not null && d.Version <= roslyn)
                .OrderByDescending(d => d.Version)
                .Select(d => d.Path)
                .FirstOrDefault() ?? analyzers
            : analyzers;
        var file = Path.Combine(folder, "cs", "System.Text.Json.SourceGeneration.dll");
        return File.Exists(file)
            ? file
            : throw new InvalidOperationException($"System.Text.Json.SourceGeneration.dll not found at {file} (dotnet root {root}, Roslyn {roslyn}).");
    }

    private static IReadOnlyList<ISourceGenerator> Load()
    {
        var loader = new DefaultContextLoader();
        var generators = new List<ISourceGenerator>();
        foreach (var file in Files())
        {
            var reference = new AnalyzerFileReference(file, loader);

            // A generator that fails to load (built against a newer Roslyn than this test's, a missing
            // dependency) would otherwise vanish silently and its blocks fail with confusing errors.
            var failures = new List<string>();
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{e.ErrorCode}: {e.Message} {e.Exception?.Message}");
            var loaded = reference.GetGenerators(LanguageNames.CSharp);
            if (failures.Count > 0)
            {
                throw new InvalidOperationException($"Loading the source generators of {file} failed: {string.Join("; ", failures)}");
            }

            generators.AddRange(loaded);
        }

        return generators;
    }

    /// <summary>Loads generator assemblies into the default context, so they share this process's Roslyn.</summary>
    private sealed class DefaultContextLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
