using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Short in-process job: no generated project to build (builds are the scarce resource on a 2-core
// box), a full run takes minutes. Pass BenchmarkDotNet options through, e.g. --filter '*CloudEvent*'.
var root = FindRoot();
var artifacts = Path.Combine(root, "benchmarks", ".work", "BenchmarkDotNet");
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(artifacts);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Portable.Benchmarks.KnativeHttpBenchmarks).Assembly)
    .Run(args.Length == 0 ? ["--filter", "*"] : args, config)
    .ToList();

// One file with every table of this run, next to the cold-start results.
var report = new StringBuilder()
    .AppendLine("# Warm per-invocation overhead")
    .AppendLine()
    .AppendLine($"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; BenchmarkDotNet ShortRun, in-process, [MemoryDiagnoser]. Ratio = mean ÷ the baseline row of the same category.")
    .AppendLine();
foreach (var summary in summaries)
{
    var file = Directory.EnumerateFiles(summary.ResultsDirectoryPath, "*-report-github.md")
        .FirstOrDefault(f => summary.BenchmarksCases.Any(c => f.Contains(c.Descriptor.Type.Name, StringComparison.Ordinal)));
    if (file is not null)
    {
        report.AppendLine("## " + Path.GetFileName(file).Replace("-report-github.md", string.Empty, StringComparison.Ordinal)).AppendLine().AppendLine(File.ReadAllText(file));
    }
}

// Only a full run replaces the committed results; a filtered run writes beside the artifacts.
var output = args.Length == 0
    ? Path.Combine(root, "benchmarks", "results", "warm-overhead.md")
    : Path.Combine(artifacts, "warm-overhead.md");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllText(output, report.ToString());
Console.WriteLine("Wrote " + output);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;

static string FindRoot()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Portable.sln")))
        {
            return directory.FullName;
        }
    }

    return Environment.CurrentDirectory;
}
