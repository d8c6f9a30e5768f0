using System.Globalization;

namespace Portable.Benchmarks.ColdStart;

/// <summary>Command-line settings of the harness.</summary>
internal sealed class HarnessOptions
{
    public const string Usage = """
        Cold-start harness: publishes each subject (JIT, R2R, Native AOT), then spawns it repeatedly and
        times spawn → first successful response, RSS after it, and SIGTERM → exit.

        usage: dotnet run --project benchmarks/ColdStart -c Release -- [options]
          --runs N           timed runs per subject (default 20)
          --subjects a,b     subject ids (default: all); see --list
          --modes jit,r2r,aot  .NET build modes (default: all three)
          --warmup N         untimed starts per subject before timing (default 1)
          --gap-ms N         pause between runs (default 100)
          --quick            smoke run: one run of knative/JIT, no warm-up, results in benchmarks/.work/results
          --reuse-publish    keep earlier publish outputs instead of publishing again
          --out DIR          where to write coldstart.md/.svg/.json (default benchmarks/results)
          --lock FILE        build lock shared with other builds (default /tmp/portable-build.lock)
          --list             list subjects and exit
        """;

    public int Runs { get; private set; } = 20;

    public int Warmup { get; private set; } = 1;

    public int GapMs { get; private set; } = 100;

    public HashSet<string>? Subjects { get; private set; }

    public BuildMode[] Modes { get; private set; } = BuildModes.DotNet;

    public bool Quick { get; private set; }

    public bool ReusePublished { get; private set; }

    public bool List { get; private set; }

    public bool Help { get; private set; }

    public string? OutputDirectory { get; private set; }

    public string LockPath { get; private set; } = "/tmp/portable-build.lock";

    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static HarnessOptions Parse(string[] args)
    {
        var options = new HarnessOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number.");
            switch (args[i])
            {
                case "--runs": options.Runs = Math.Max(1, Number()); break;
                case "--warmup": options.Warmup = Number(); break;
                case "--gap-ms": options.GapMs = Number(); break;
                case "--subjects": options.Subjects = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "--modes": options.Modes = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(BuildModes.Parse)]; break;
                case "--reuse-publish": options.ReusePublished = true; break;
                case "--out": options.OutputDirectory = Value(); break;
                case "--lock": options.LockPath = Value(); break;
                case "--list": options.List = true; break;
                case "--help" or "-h": options.Help = true; break;
                case "--quick":
                    options.Quick = true;
                    options.Runs = 1;
                    options.Warmup = 0;
                    options.Subjects ??= ["knative"];
                    options.Modes = [BuildMode.Jit];
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return options;
    }

    /// <summary>True when a subject in a mode was asked for (Node runs whenever its subject is selected).</summary>
    public bool Wants(SubjectSpec spec, BuildMode mode) =>
        (Subjects is null || Subjects.Contains(spec.Id)) && (mode == BuildMode.Node || Modes.Contains(mode));
}
