namespace Portable.Functions.Docs.Tests;

/// <summary>One fenced <c>csharp</c> block of a Markdown file.</summary>
/// <param name="File">Path relative to the repository root, with forward slashes.</param>
/// <param name="Line">1-based line of the first code line (the line after the opening fence).</param>
/// <param name="Code">The block's text, common indentation removed.</param>
/// <param name="Prelude">The invisible prelude comment's content (names and C# lines), or null.</param>
internal sealed record CodeBlock(string File, int Line, string Code, string? Prelude)
{
    /// <summary>The xunit case name: file and line of the block.</summary>
    public string Id => $"{File}:{Line}";
}
