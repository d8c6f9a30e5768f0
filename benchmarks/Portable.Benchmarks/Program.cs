using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Short in-process job: no generated project to build (builds are the scarce resource on a 2-core
// box), a full run takes minutes. Pass BenchmarkDotNet options through, e.g. --filter '*CloudEvent*'.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(Path.Combine(FindRoot(), "benchmarks", ".work", "BenchmarkDotNet"));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Portable.Benchmarks.KnativeHttpBenchmarks).Assembly)
    .Run(args.Length == 0 ? ["--filter", "*"] : args, config);
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
