using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Portable.Functions.Packaging.Tests;

/// <summary>One packed package: its nuspec, its files and its symbols package.</summary>
/// <param name="Id">Package id.</param>
/// <param name="Project">Project path relative to the repository root.</param>
/// <param name="Nuspec">The nuspec inside the package.</param>
/// <param name="Files">Every file of the package by its path inside the package.</param>
/// <param name="SymbolsPackage">Path of the .snupkg, or null when none was written.</param>
public sealed record PackedPackage(string Id, string Project, XDocument Nuspec, IReadOnlyDictionary<string, byte[]> Files, string? SymbolsPackage)
{
    /// <summary>The nuspec's metadata element.</summary>
    public XElement Metadata => Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    /// <summary>A metadata value (e.g. <c>version</c>, <c>readme</c>), or null.</summary>
    /// <param name="name">Element name.</param>
    /// <returns>The value.</returns>
    public string? Value(string name) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>Ids of the package dependencies, any target framework.</summary>
    public IReadOnlyList<string> Dependencies =>
        Metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).Distinct().ToList();

    /// <summary>Names of the shared frameworks the package requires (e.g. Microsoft.AspNetCore.App).</summary>
    public IReadOnlyList<string> FrameworkReferences =>
        Metadata.Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => (string)e.Attribute("name")!).Distinct().ToList();

    /// <summary>
    /// True for a platform adapter: its assembly implements <c>IFunctionHost</c> (a host-less library
    /// that adapters share, such as a trigger mapping, is not one).
    /// </summary>
    public bool IsAdapter
    {
        get
        {
            using var peReader = new PEReader(new MemoryStream(Files[$"lib/net10.0/{Id}.dll"]));
            var reader = peReader.GetMetadataReader();
            return reader.TypeDefinitions
                .SelectMany(handle => reader.GetTypeDefinition(handle).GetInterfaceImplementations())
                .Select(handle => reader.GetInterfaceImplementation(handle).Interface)
                .Any(type => type.Kind == HandleKind.TypeReference && IsFunctionHost(reader, (TypeReferenceHandle)type));
        }
    }

    /// <inheritdoc />
    public override string ToString() => Id;

    private static bool IsFunctionHost(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        return reader.StringComparer.Equals(type.Name, "IFunctionHost") && reader.StringComparer.Equals(type.Namespace, "Portable.Functions.Hosting");
    }
}
