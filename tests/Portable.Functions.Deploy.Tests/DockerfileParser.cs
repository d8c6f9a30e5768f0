namespace Portable.Functions.Deploy.Tests;

/// <summary>
/// A small Dockerfile reader (no image can be built here): joins '\' continuations, drops comments,
/// and checks what a build would reject or a platform would need: every instruction is a known one,
/// the first is FROM (or ARG), every <c>--from=</c>/<c>FROM stage</c> names an earlier stage, and the
/// final stage has EXPOSE, a USER that is not root, and an exec-form ENTRYPOINT.
/// </summary>
internal static class DockerfileParser
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
        "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "MAINTAINER",
    };

    public static IReadOnlyList<(string Instruction, string Arguments)> Instructions(string text)
    {
        var result = new List<(string, string)>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            var trimmed = current.Trim();
            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            result.Add(space < 0 ? (trimmed, "") : (trimmed[..space], trimmed[(space + 1)..].Trim()));
            current = "";
        }

        return result;
    }

    /// <summary>The problems found; empty for a usable Dockerfile.</summary>
    public static IReadOnlyList<string> Problems(string text)
    {
        var problems = new List<string>();
        var instructions = Instructions(text);
        var stages = new List<string>();
        var finalStage = new List<(string Instruction, string Arguments)>();
        if (instructions.FirstOrDefault(i => !i.Instruction.Equals("ARG", StringComparison.OrdinalIgnoreCase)).Instruction?.ToUpperInvariant() != "FROM")
        {
            problems.Add("the first instruction is not FROM");
        }

        foreach (var (instruction, arguments) in instructions)
        {
            if (!Known.Contains(instruction))
            {
                problems.Add($"unknown instruction {instruction}");
                continue;
            }

            var upper = instruction.ToUpperInvariant();
            if (upper == "FROM")
            {
                var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray();
                if (parts.Length is not (1 or 3) || (parts.Length == 3 && !parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"FROM {arguments}: expected 'image [AS name]'");
                }

                stages.Add(parts.Length == 3 ? parts[2] : stages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                finalStage.Clear();
                continue;
            }

            finalStage.Add((upper, arguments));
            foreach (var option in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.StartsWith("--from=", StringComparison.Ordinal)))
            {
                var stage = option["--from=".Length..];
                if (!stages.Take(stages.Count - 1).Contains(stage, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{upper} {option}: no earlier stage named {stage}");
                }
            }
        }

        if (!finalStage.Any(i => i.Instruction == "EXPOSE" && i.Arguments.Split('/')[0].All(char.IsDigit)))
        {
            problems.Add("the final stage has no EXPOSE <port>");
        }

        var user = finalStage.LastOrDefault(i => i.Instruction == "USER").Arguments;
        if (string.IsNullOrEmpty(user) || user is "root" or "0" || user.StartsWith("0:", StringComparison.Ordinal) || user.StartsWith("root:", StringComparison.Ordinal))
        {
            problems.Add("the final stage does not switch to a non-root USER");
        }

        var entrypoint = finalStage.LastOrDefault(i => i.Instruction == "ENTRYPOINT").Arguments;
        if (string.IsNullOrEmpty(entrypoint) || !entrypoint.StartsWith('['))
        {
            problems.Add("the final stage has no exec-form ENTRYPOINT");
        }

        return problems;
    }
}
