using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Portable.Functions.Docs.Tests;

/// <summary>The outcome of compiling one block.</summary>
/// <param name="Block">The block.</param>
/// <param name="Kind">Console app (top-level statements) or library.</param>
/// <param name="Diagnostics">Errors and warnings.</param>
/// <param name="Generated">The source generators' output.</param>
internal sealed record BlockCompilation(CodeBlock Block, OutputKind Kind, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<SyntaxTree> Generated)
{
    /// <summary>The diagnostics as <c>README.md:LINE:COL: error CSxxxx: message</c> lines.</summary>
    /// <returns>The report.</returns>
    public string Report() => string.Join('\n', Diagnostics.Select(Format));

    private static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var where = span.IsValid
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}")
            : "(no location)";
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{where}: {severity} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }
}
