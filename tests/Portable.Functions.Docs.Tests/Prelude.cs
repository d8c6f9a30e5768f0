using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Portable.Functions.Docs.Tests;

/// <summary>
/// What a block's invisible prelude adds: global usings, statements run before the block, and type
/// declarations. Parsed from <c>&lt;!-- prelude: NAMES [C# lines] --&gt;</c>: the first line lists
/// named preludes (<see cref="Names"/>), the following lines are C#.
/// </summary>
internal sealed class Prelude
{
    /// <summary>
    /// The named preludes. <c>usings</c>: global usings of the core, every adapter and the
    /// Microsoft.Extensions namespaces a function app uses. <c>builder</c>: <c>usings</c> plus
    /// <c>var builder = FunctionApp.CreateBuilder(args);</c>. <c>app</c>: <c>builder</c> plus
    /// <c>var app = builder.Build();</c>.
    /// </summary>
    public static IReadOnlyList<string> Names => s_names;

    private static readonly string[] s_names = ["usings", "builder", "app"];

    private static readonly string[] s_usings =
    [
        "System.Text.Json",
        "System.Text.Json.Serialization",
        "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Logging",
        "Microsoft.Extensions.Options",
        "Portable.Functions",
        "Portable.Functions.Aws",
        "Portable.Functions.Azure",
        "Portable.Functions.Azure.Worker",
        "Portable.Functions.Gcp",
        "Portable.Functions.Knative",
    ];

    private Prelude(IReadOnlyList<string> usings, string statements, string declarations)
    {
        GlobalUsings = usings;
        Statements = statements;
        Declarations = declarations;
    }

    /// <summary>Namespaces imported with <c>global using</c>.</summary>
    public IReadOnlyList<string> GlobalUsings { get; }

    /// <summary>Top-level statements placed after the block's own using directives.</summary>
    public string Statements { get; }

    /// <summary>Type declarations compiled in a file of their own.</summary>
    public string Declarations { get; }

    /// <summary>The empty prelude (a block without a prelude comment).</summary>
    public static Prelude None { get; } = new([], string.Empty, string.Empty);

    /// <summary>Parses a prelude comment's content.</summary>
    /// <param name="text">The text after <c>prelude:</c>, or null.</param>
    /// <returns>The prelude.</returns>
    /// <exception cref="FormatException">An unknown name, or C# lines that do not parse.</exception>
    public static Prelude Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n', 2);
        var names = lines[0].Split([' ', ',', '+'], StringSplitOptions.RemoveEmptyEntries);
        var usings = new List<string>();
        var statements = new List<string>();
        var level = -1;
        foreach (var name in names)
        {
            var index = Array.IndexOf(s_names, name);
            if (index < 0)
            {
                throw new FormatException($"Unknown prelude '{name}'; known: {string.Join(", ", Names)} (C# goes on the lines after the names).");
            }

            level = Math.Max(level, index);
        }

        if (level >= 0)
        {
            usings.AddRange(s_usings);
        }

        if (level >= 1)
        {
            statements.Add("var builder = FunctionApp.CreateBuilder(args);");
        }

        if (level >= 2)
        {
            statements.Add("var app = builder.Build();");
        }

        var declarations = string.Empty;
        if (lines.Length > 1 && !string.IsNullOrWhiteSpace(lines[1]))
        {
            var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(lines[1]).GetRoot();
            var errors = unit.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new FormatException("The prelude's C# does not parse: " + string.Join("; ", errors));
            }

            usings.AddRange(unit.Usings.Select(u => u.NamespaceOrType.ToString()));
            statements.AddRange(unit.Members.OfType<GlobalStatementSyntax>().Select(s => s.ToFullString().Trim()));
            declarations = string.Join('\n', unit.Members.Where(m => m is not GlobalStatementSyntax).Select(m => m.ToFullString().Trim()));
        }

        return new Prelude([.. usings.Distinct(StringComparer.Ordinal)], string.Join('\n', statements), declarations);
    }
}
