using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;

namespace Portable.Functions.Packaging.Tests;

/// <summary>What a user's <c>dotnet add package</c> gets: metadata, readme, licence, symbols, dependencies.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageTests(PackedPackages packed)
{
    // The PDB custom debug information that holds the SourceLink JSON (Portable PDB specification).
    private static readonly Guid s_sourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    // The packages a Lambda bootstrap or an isolated worker is built from: ASP.NET Core in them would
    // cost every such app its start-up time and size, though none of them serves HTTP itself.
    private static readonly string[] s_aspNetCoreFree = ["Portable.Functions", "Portable.Functions.Aws", "Portable.Functions.Azure.Worker"];

    [Fact]
    public void EveryShippedProject_IsPacked()
    {
        Assert.NotEmpty(packed.Packages);
        var ownProject = File.ReadAllText(Path.Combine(packed.RepositoryRoot, "tests/Portable.Functions.Packaging.Tests/Portable.Functions.Packaging.Tests.csproj"));
        var unreferenced = packed.Projects.Where(p => !ownProject.Contains("../../" + p, StringComparison.Ordinal)).ToList();
        Assert.True(unreferenced.Count == 0, "Reference these shipped projects from the packaging tests (so they are built before the pack): " + string.Join(", ", unreferenced));
    }

    [Fact]
    public void EveryPackage_HasReadmeAndLicence()
    {
        var licence = File.ReadAllText(Path.Combine(packed.RepositoryRoot, "LICENSE"));
        Assert.Contains("Apache License", licence, StringComparison.Ordinal);
        Assert.Contains("Version 2.0", licence, StringComparison.Ordinal);
        Assert.All(packed.Packages, package =>
        {
            Assert.Equal("README.md", package.Value("readme"));
            Assert.True(package.Files.TryGetValue("README.md", out var readme) && readme.Length > 200, $"{package}: README.md missing or near-empty");
            Assert.StartsWith("# ", Encoding.UTF8.GetString(readme!).TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Equal("Apache-2.0", package.Value("license"));
            Assert.True(package.Files.ContainsKey("LICENSE"), $"{package}: LICENSE not packed");
            Assert.False(string.IsNullOrWhiteSpace(package.Value("description")), $"{package}: no description");
        });
    }

    [SkippableFact]
    public void EveryLibraryPackage_RunsReadyToRunCode_AndCompilesAgainstAnIlReferenceAssembly()
    {
#if DEBUG
        Skip.If(true, "Packed from a Debug build: only Release builds are ReadyToRun-compiled.");
#endif
        Skip.IfNot(
            System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux)
                && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "The packages get ReadyToRun code when packed on a linux-x64 machine (src/ReadyToRunLibrary.targets); this machine is not one.");

        Assert.All(packed.Packages, package =>
        {
            using var peReader = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(package.Files[$"lib/net10.0/{package.Id}.dll"]));
            Assert.True(peReader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{package}: lib/net10.0/{package.Id}.dll has no ReadyToRun code");
            Assert.True(peReader.GetMetadataReader().MethodDefinitions.Count > 0, $"{package}: no IL metadata");

            // Compilers warn about an image marked for one processor (CS8012): they get the IL reference assembly.
            Assert.True(package.Files.TryGetValue($"ref/net10.0/{package.Id}.dll", out var reference), $"{package}: no ref/net10.0/{package.Id}.dll");
            using var refReader = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(reference!));
            Assert.Equal(0, refReader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
            Assert.True(package.Files.ContainsKey($"ref/net10.0/{package.Id}.xml"), $"{package}: no XML docs beside the reference assembly");
        });
    }

    [Fact]
    public void EveryPackage_HasOnePrereleaseVersion()
    {
        var versions = packed.Packages.Select(p => p.Value("version")!).Distinct().ToList();
        var version = Assert.Single(versions);
        Assert.Matches(@"^\d+\.\d+\.\d+-[0-9A-Za-z.]+$", version);
    }

    [Fact]
    public void EveryPackage_HasSymbolsWithSourceLinkToTheRepository()
    {
        Assert.All(packed.Packages, package =>
        {
            Assert.True(package.SymbolsPackage is not null, $"{package}: no .snupkg");
            using var zip = ZipFile.OpenRead(package.SymbolsPackage!);
            var pdbEntry = zip.Entries.Single(e => e.FullName.EndsWith($"/{package.Id}.pdb", StringComparison.Ordinal));
            using var pdbStream = new MemoryStream();
            using (var entryStream = pdbEntry.Open())
            {
                entryStream.CopyTo(pdbStream);
            }

            pdbStream.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
            var reader = provider.GetMetadataReader();
            var sourceLink = reader.CustomDebugInformation
                .Select(reader.GetCustomDebugInformation)
                .Where(info => reader.GetGuid(info.Kind) == s_sourceLinkKind)
                .Select(info => Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
                .SingleOrDefault();
            Assert.True(sourceLink is not null, $"{package}: the PDB has no SourceLink");
            Assert.Contains("https://raw.githubusercontent.com/portable-functions/portable-functions/", sourceLink, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void CoreAwsAndAzureWorker_DoNotPullInAspNetCore()
    {
        foreach (var id in s_aspNetCoreFree)
        {
            var chain = AspNetCoreChain(packed[id], []);
            Assert.True(chain is null, $"{id} pulls in ASP.NET Core: {chain}");
        }
    }

    // A dependency on another adapter would make a user of one platform install (and trim) another's;
    // what adapters share lives in host-less packages (the core, the ASP.NET Core bridge, ...).
    [Fact]
    public void NoAdapterPackage_DependsOnAnotherAdapter()
    {
        var adapters = packed.Packages.Where(p => p.IsAdapter).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(packed.Packages.Where(p => p.IsAdapter), package =>
        {
            var onAdapters = package.Dependencies.Where(adapters.Contains).ToList();
            Assert.True(onAdapters.Count == 0, $"{package} depends on adapter package(s) {string.Join(", ", onAdapters)}");
        });
    }

    [Fact]
    public void AdapterDetection_FindsTheHosts()
    {
        // Guards the rule above against passing vacuously: these packages register a platform host.
        Assert.All(new[] { "Portable.Functions.Aws", "Portable.Functions.Knative", "Portable.Functions.Gcp" }, id => Assert.True(packed[id].IsAdapter, id));
        Assert.False(packed["Portable.Functions"].IsAdapter);
    }

    [Fact]
    public void NoPackage_DependsOnTestOrBuildOnlyPackages()
    {
        string[] forbidden = ["xunit", "Microsoft.NET.Test.Sdk", "Microsoft.CodeAnalysis", "Portable.Functions.Generators", "JsonSchema.Net", "YamlDotNet", "BenchmarkDotNet"];
        Assert.All(packed.Packages, package =>
        {
            var bad = package.Dependencies.Where(d => forbidden.Any(f => d.StartsWith(f, StringComparison.OrdinalIgnoreCase))).ToList();
            Assert.True(bad.Count == 0, $"{package} depends on {string.Join(", ", bad)}");
        });
    }

    // The first chain of this repository's packages that reaches Microsoft.AspNetCore.App (a framework
    // reference or an ASP.NET Core package), e.g. "A -> B -> Microsoft.AspNetCore.App"; null if none.
    private string? AspNetCoreChain(PackedPackage package, HashSet<string> seen)
    {
        if (!seen.Add(package.Id))
        {
            return null;
        }

        if (package.FrameworkReferences.Contains("Microsoft.AspNetCore.App") || package.Dependencies.Any(d => d.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)))
        {
            return $"{package.Id} -> Microsoft.AspNetCore.App";
        }

        foreach (var dependency in packed.Packages.Where(p => package.Dependencies.Contains(p.Id)))
        {
            if (AspNetCoreChain(dependency, seen) is { } chain)
            {
                return $"{package.Id} -> {chain}";
            }
        }

        return null;
    }
}
