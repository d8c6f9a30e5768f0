using System.Text.RegularExpressions;

namespace Portable.Functions.Docs.Tests;

/// <summary>Finds the fenced <c>csharp</c> blocks of the repository's Markdown files.</summary>
internal static partial class MarkdownCodeBlocks
{
    /// <summary>The repository root: the nearest folder above the test's output that holds Portable.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>README.md, docs/*.md and the package readmes (src/*/README.md, adapters/*/README.md), those that exist.</summary>
    /// <returns>Paths relative to the root.</returns>
    public static IEnumerable<string> DocumentFiles()
    {
        yield return "README.md";
        foreach (var folder in new[] { "docs" })
        {
            var path = Path.Combine(RepositoryRoot, folder);
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.GetFiles(path, "*.md", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
                {
                    yield return Path.GetRelativePath(RepositoryRoot, file).Replace('\\', '/');
                }
            }
        }

        foreach (var root in new[] { "src", "adapters" })
        {
            foreach (var project in Directory.GetDirectories(Path.Combine(RepositoryRoot, root)).Order(StringComparer.Ordinal))
            {
                var readme = Path.Combine(project, "README.md");
                if (File.Exists(readme))
                {
                    yield return Path.GetRelativePath(RepositoryRoot, readme).Replace('\\', '/');
                }
            }
        }
    }

    /// <summary>Every csharp block of every document file, in file order.</summary>
    /// <returns>The blocks.</returns>
    public static IEnumerable<CodeBlock> All() =>
        DocumentFiles().SelectMany(file => Parse(file, File.ReadAllText(Path.Combine(RepositoryRoot, file))));

    /// <summary>
    /// Parses the fenced <c>csharp</c> (or <c>cs</c>, <c>c#</c>) blocks of one Markdown text. A block's
    /// prelude is the HTML comment <c>&lt;!-- prelude: ... --&gt;</c> that ends on the line right above
    /// its opening fence.
    /// </summary>
    /// <param name="file">The file name to record.</param>
    /// <param name="markdown">The Markdown text.</param>
    /// <returns>The blocks.</returns>
    /// <exception cref="FormatException">A csharp fence is never closed.</exception>
    public static IEnumerable<CodeBlock> Parse(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = OpeningFence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var indent = open.Groups["indent"].Value.Length;
            var fence = open.Groups["fence"].Value;
            var language = open.Groups["info"].Value.Trim().Split(' ', 2)[0];
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !IsClosingFence(lines[end], fence))
            {
                end++;
            }

            if (!IsCSharp(language))
            {
                i = end;
                continue;
            }

            if (end == lines.Length)
            {
                throw new FormatException($"{file}:{i + 1}: the ```{language} fence is never closed.");
            }

            var code = string.Join('\n', lines[start..end].Select(line => Unindent(line, indent)));
            yield return new CodeBlock(file, start + 1, code, FindPrelude(lines, i));
            i = end;
        }
    }

    private static bool IsCSharp(string language) =>
        language.Equals("csharp", StringComparison.OrdinalIgnoreCase)
        || language.Equals("cs", StringComparison.OrdinalIgnoreCase)
        || language.Equals("c#", StringComparison.OrdinalIgnoreCase);

    private static bool IsClosingFence(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    private static string Unindent(string line, int indent)
    {
        var remove = 0;
        while (remove < indent && remove < line.Length && line[remove] == ' ')
        {
            remove++;
        }

        return line[remove..];
    }

    /// <summary>The content of a <c>&lt;!-- prelude: ... --&gt;</c> comment ending right above the fence, else null.</summary>
    private static string? FindPrelude(string[] lines, int fenceIndex)
    {
        var last = fenceIndex - 1;
        if (last < 0 || !lines[last].TrimEnd().EndsWith("-->", StringComparison.Ordinal))
        {
            return null;
        }

        var first = last;
        while (first >= 0 && !lines[first].Contains("<!--", StringComparison.Ordinal))
        {
            first--;
        }

        if (first < 0)
        {
            return null;
        }

        var comment = string.Join('\n', lines[first..(last + 1)]).Trim();
        comment = comment["<!--".Length..^"-->".Length].Trim();
        return comment.StartsWith("prelude:", StringComparison.Ordinal) ? comment["prelude:".Length..].Trim() : null;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portable.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Portable.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^(?<indent> {0,3}|\s*)(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex OpeningFence();
}
