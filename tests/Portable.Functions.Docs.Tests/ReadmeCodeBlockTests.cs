using Microsoft.CodeAnalysis;

namespace Portable.Functions.Docs.Tests;

/// <summary>
/// Every fenced <c>csharp</c> block of README.md (and docs/*.md, adapters/*/README.md) compiles: one
/// case per block, named by file and line, failing with the compiler's errors at their Markdown lines.
/// </summary>
/// <remarks>
/// <para>
/// Each block is its own compilation, as a <c>dotnet new console</c> project with this repo's packages
/// would compile it: C# latest, nullable enabled, the SDK's implicit usings (System, System.IO,
/// System.Linq, System.Threading.Tasks, ...), the assemblies of this test process as references (the
/// shared frameworks, src/Portable.Functions, every adapter, the HelloHttp sample, the
/// Microsoft.Extensions packages), and the source generators of <see cref="DocGenerators"/>
/// (System.Text.Json's, the configuration binder's, and whatever the csproj adds to <c>DocGenerator</c>).
/// A block with top-level statements is a console app, any other block a library.
/// </para>
/// <para>
/// Fragments: a block that uses names defined elsewhere (<c>builder</c>, <c>app</c>, a handler
/// method) gets an invisible prelude, an HTML comment on the line right above its fence:
/// <code>
/// &lt;!-- prelude: app
/// static Task&lt;FunctionResponse&gt; Hello(FunctionRequest request, FunctionContext context) =&gt; ...;
/// --&gt;
/// ```csharp
/// </code>
/// The first line names predefined preludes: <c>usings</c> (global usings of Portable.Functions, every
/// adapter namespace, System.Text.Json(.Serialization) and Microsoft.Extensions.Configuration /
/// DependencyInjection / Logging / Options), <c>builder</c> (<c>usings</c> plus
/// <c>var builder = FunctionApp.CreateBuilder(args);</c>) and <c>app</c> (<c>builder</c> plus
/// <c>var app = builder.Build();</c>). Further lines are C#: using directives become global usings,
/// statements (local functions too) run before the block (after its own usings), type declarations go
/// to a file of their own. GitHub does not render the comment. A block without a prelude must compile
/// exactly as shown: keep the Quickstart that way.
/// </para>
/// <para>
/// Warnings fail too: this repository (and any project that copies its settings) builds with
/// TreatWarningsAsErrors, and a nullable or unused-code warning in a sample is a bug a reader copies.
/// </para>
/// </remarks>
public sealed class ReadmeCodeBlockTests
{
    /// <summary>The blocks, by id (<c>README.md:LINE</c>).</summary>
    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in MarkdownCodeBlocks.All())
        {
            data.Add(block.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void CodeBlock_Compiles(string block)
    {
        var code = MarkdownCodeBlocks.All().Single(b => b.Id == block);

        var compilation = BlockCompiler.Compile(code);

        Assert.True(compilation.Diagnostics.Count == 0,
            $"The csharp block at {code.Id} does not compile cleanly ({compilation.Kind}{(code.Prelude is null ? string.Empty : ", prelude: " + code.Prelude)}):\n{compilation.Report()}");
    }

    [Fact]
    public void Readme_HasCSharpBlocks_AndTheQuickstartNeedsNoPrelude()
    {
        var blocks = MarkdownCodeBlocks.All().Where(b => b.File == "README.md").ToList();

        Assert.NotEmpty(blocks);
        var quickstart = blocks.First(b => b.Code.Contains("FunctionApp.CreateBuilder(args)", StringComparison.Ordinal));
        Assert.Null(quickstart.Prelude);
        Assert.Equal(OutputKind.ConsoleApplication, BlockCompiler.Compile(quickstart).Kind);
    }

    [Fact]
    public void ReadmeOptionsBinding_IsInterceptedByTheBindingGenerator_AsUnderNativeAot()
    {
        var binding = MarkdownCodeBlocks.All().Where(b => b.Code.Contains(".Bind(", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(binding);
        foreach (var block in binding)
        {
            var compilation = BlockCompiler.Compile(block);
            Assert.Contains(compilation.Generated, t => t.ToString().Contains("InterceptsLocation", StringComparison.Ordinal)
                && t.ToString().Contains("BindCore", StringComparison.Ordinal));
        }
    }
}
