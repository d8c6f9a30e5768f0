using Microsoft.CodeAnalysis;

namespace Portable.Functions.Docs.Tests;

/// <summary>The block compiler itself: it must be able to fail, and its preludes and generators must work.</summary>
public sealed class CompilerSelfTests
{
    private static BlockCompilation Compile(string markdown) =>
        BlockCompiler.Compile(MarkdownCodeBlocks.Parse("test.md", markdown).Single());

    [Fact]
    public void UndefinedName_FailsWithItsMarkdownLine()
    {
        var result = Compile("# t\n\n```csharp\nvar x = 1;\nShip(x);\n```\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("CS0103", error.Id);
        Assert.StartsWith("test.md:5:1: error CS0103", result.Report(), StringComparison.Ordinal);
    }

    [Fact]
    public void Warning_IsReported()
    {
        var result = Compile("```csharp\nstring? s = null;\nConsole.WriteLine(s.Length);\n```\n");

        Assert.Contains(result.Diagnostics, d => d.Id == "CS8602" && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void JsonContext_IsCompletedBySystemTextJsonGenerator()
    {
        var result = Compile("""
            ```csharp
            using System.Text.Json.Serialization;

            var json = System.Text.Json.JsonSerializer.Serialize(new Point(1, 2), PointJson.Default.Point);
            record Point(int X, int Y);
            [JsonSerializable(typeof(Point))]
            partial class PointJson : JsonSerializerContext;
            ```
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.Generated, t => t.FilePath.Contains("PointJson", StringComparison.Ordinal));
    }

    [Fact]
    public void AppPrelude_DefinesBuilderAndApp_AndCSharpLines()
    {
        var result = Compile("""
            <!-- prelude: app
            static Task<FunctionResponse> Hello(FunctionRequest request, FunctionContext context) => Task.FromResult(FunctionResponse.Text("hi"));
            -->
            ```csharp
            app.MapGet("/hello", Hello);
            await app.RunAsync();
            ```
            """);

        Assert.True(result.Diagnostics.Count == 0, result.Report());
        Assert.Equal(OutputKind.ConsoleApplication, result.Kind);
    }

    [Fact]
    public void BlockWithoutStatements_IsALibrary()
    {
        var result = Compile("```csharp\npublic sealed class Greeter { public string Greet() => \"hi\"; }\n```\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(OutputKind.DynamicallyLinkedLibrary, result.Kind);
    }

    [Fact]
    public void UnknownPreludeName_IsAnError()
    {
        var block = MarkdownCodeBlocks.Parse("test.md", "<!-- prelude: everything -->\n```csharp\n```\n").Single();

        Assert.Throws<FormatException>(() => BlockCompiler.Compile(block));
    }

    [Fact]
    public void BindOptions_IsInterceptedByTheConfigurationBindingGenerator()
    {
        var result = Compile("""
            <!-- prelude: builder -->
            ```csharp
            builder.Services.AddOptions<ShopOptions>().Bind(builder.Configuration.GetSection("Shop"));
            sealed class ShopOptions { public string Currency { get; set; } = "EUR"; }
            ```
            """);

        Assert.True(result.Diagnostics.Count == 0, result.Report());
        Assert.Contains(result.Generated, t => t.ToString().Contains("InterceptsLocation", StringComparison.Ordinal));
    }
}
