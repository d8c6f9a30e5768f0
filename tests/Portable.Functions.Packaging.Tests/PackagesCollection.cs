namespace Portable.Functions.Packaging.Tests;

/// <summary>The test classes that read the packed packages share one pack of the repository (it takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedPackages>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "packed packages";
}
