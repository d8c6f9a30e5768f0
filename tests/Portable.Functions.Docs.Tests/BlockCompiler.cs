using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Portable.Functions.Docs.Tests;

/// <summary>
/// Compiles one code block as a project of its own would: C# latest, nullable enabled, the SDK's
/// implicit usings, the block's prelude, the source generators of <see cref="DocGenerators"/>, and the
/// assemblies of this test process as references. Blocks with top-level statements are console apps,
/// others libraries.
/// </summary>
internal static class BlockCompiler
{
    /// <summary>What <c>&lt;ImplicitUsings&gt;enable&lt;/ImplicitUsings&gt;</c> gives a Microsoft.NET.Sdk project (the <c>dotnet new console</c> default).</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly Lazy<IReadOnlyList<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>Compiles a block (and its generated code) to memory.</summary>
    /// <param name="block">The block.</param>
    /// <returns>Errors and warnings (not suppressed), with Markdown file and line where they fall in the block.</returns>
    public static BlockCompilation Compile(CodeBlock block)
    {
        var prelude = Prelude.Parse(block.Prelude);
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(ImplicitUsings, s_parseOptions, "implicit-usings.g.cs", Encoding.UTF8),
            CSharpSyntaxTree.ParseText(BlockSource(block, prelude), s_parseOptions, block.File, Encoding.UTF8),
        };
        var preludeSource = string.Concat(prelude.GlobalUsings.Select(u => $"global using {u};\n")) + prelude.Declarations;
        if (preludeSource.Length > 0)
        {
            trees.Add(CSharpSyntaxTree.ParseText(preludeSource, s_parseOptions, "prelude.g.cs", Encoding.UTF8));
        }

        var hasStatements = trees[1].GetCompilationUnitRoot().Members.Any(m => m is GlobalStatementSyntax);
        var options = new CSharpCompilationOptions(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithWarningLevel(9999)
            .WithOptimizationLevel(OptimizationLevel.Debug);
        var compilation = CSharpCompilation.Create("DocBlock", trees, s_references.Value, options);

        var (output, generatorDiagnostics, generated) = RunGenerators(compilation, s_parseOptions);
        if (generated.Any(t => t.ToString().Contains("InterceptsLocation", StringComparison.Ordinal)))
        {
            // A real build lists the generators' namespaces in <InterceptorsNamespaces> (their packages'
            // targets do); here every namespace the generated code declares is allowed.
            var namespaces = generated
                .SelectMany(t => t.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
                .Select(n => n.Name.ToString())
                .Distinct(StringComparer.Ordinal);
            var withInterceptors = s_parseOptions.WithFeatures([new("InterceptorsNamespaces", string.Join(';', namespaces))]);
            var reparsed = compilation.RemoveAllSyntaxTrees()
                .AddSyntaxTrees(compilation.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), withInterceptors)));
            (output, generatorDiagnostics, generated) = RunGenerators(reparsed, withInterceptors);
        }

        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        var diagnostics = generatorDiagnostics.Concat(result.Diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
            .ToList();
        return new BlockCompilation(block, options.OutputKind, diagnostics, generated);
    }

    /// <summary>
    /// The block with the prelude's statements after its own using directives. <c>#line</c> directives
    /// map every diagnostic back to the Markdown file and line (prelude lines to <c>prelude</c>).
    /// </summary>
    private static string BlockSource(CodeBlock block, Prelude prelude)
    {
        var file = block.File.Replace("\"", string.Empty, StringComparison.Ordinal);
        var lines = block.Code.Split('\n');
        var split = 0;
        if (prelude.Statements.Length > 0)
        {
            var usings = CSharpSyntaxTree.ParseText(block.Code, s_parseOptions).GetCompilationUnitRoot().Usings;
            if (usings.Count > 0)
            {
                split = usings[^1].GetLocation().GetLineSpan().EndLinePosition.Line + 1;
            }
        }

        var source = new StringBuilder();
        source.Append(CultureInfo.InvariantCulture, $"#line {block.Line} \"{file}\"\n");
        foreach (var line in lines[..split])
        {
            source.Append(line).Append('\n');
        }

        if (prelude.Statements.Length > 0)
        {
            source.Append("#line 1 \"prelude\"\n").Append(prelude.Statements).Append('\n');
            source.Append(CultureInfo.InvariantCulture, $"#line {block.Line + split} \"{file}\"\n");
        }

        source.AppendJoin('\n', lines[split..]).Append('\n');
        return source.ToString();
    }

    private static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<SyntaxTree> Generated) RunGenerators(Compilation compilation, CSharpParseOptions parseOptions)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(DocGenerators.All, parseOptions: parseOptions, optionsProvider: BuildProperties.Instance);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics, driver.GetRunResult().GeneratedTrees);
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        // The test process's trusted platform assemblies: the shared frameworks (Microsoft.NETCore.App,
        // Microsoft.AspNetCore.App), the repo's projects and their packages.
        var self = typeof(BlockCompiler).Assembly.Location;
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !string.Equals(p, self, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(p => MetadataReference.CreateFromFile(p))];
    }

    /// <summary>MSBuild properties a generator may read (<c>build_property.*</c>), as a net10.0 console project sets them.</summary>
    private sealed class BuildProperties : AnalyzerConfigOptionsProvider
    {
        public static readonly BuildProperties Instance = new();

        private static readonly DictionaryOptions s_global = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["build_property.TargetFramework"] = "net10.0",
            ["build_property.RootNamespace"] = "DocBlock",
            ["build_property.EnableConfigurationBindingGenerator"] = "true",
            ["build_property.PublishAot"] = "true",
            ["build_property.IsAotCompatible"] = "true",
        });

        public override AnalyzerConfigOptions GlobalOptions => s_global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => DictionaryOptions.Empty;

        private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
