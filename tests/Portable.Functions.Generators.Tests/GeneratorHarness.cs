using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Portable.Functions.Generators.Tests;

/// <summary>Compiles a source string against the running app's assemblies and runs the generator on it.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Portable.Functions;

        """;

    /// <summary>The generator's diagnostics, the generated sources and every diagnostic of the final compilation.</summary>
    public static GeneratorRun Run(string source)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest)
            .WithFeatures([new KeyValuePair<string, string>("InterceptorsNamespaces", "Portable.Functions.Generated")]);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                // Assembly version unification between the runtime's assemblies: the SDK silences these too.
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText(Usings + source, parse, path: "Consumer.cs")], s_references.Value, options);

        GeneratorDriver driver = CSharpGeneratorDriver.Create([new DelegateMapGenerator().AsSourceGenerator()], parseOptions: parse);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var generated = driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()).ToArray();
        using var assembly = new MemoryStream();
        var emit = output.Emit(assembly);
        return new GeneratorRun(generatorDiagnostics, generated, output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray(), emit.Success);
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorRun(ImmutableArray<Diagnostic> GeneratorDiagnostics, string[] Generated, Diagnostic[] CompilationProblems, bool Emitted);
