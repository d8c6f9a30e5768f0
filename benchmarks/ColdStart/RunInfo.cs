using System.Runtime.InteropServices;

namespace Portable.Benchmarks.ColdStart;

/// <summary>When, where and how a harness run was made (printed above every table).</summary>
internal sealed record RunInfo(DateTimeOffset Started, int Runs, int Warmup, int GapMs, IReadOnlyList<string> Skipped)
{
    public string Machine { get; } = DescribeMachine();

    public string Software { get; } = $"{RuntimeInformation.FrameworkDescription}, kernel {ReadFirstLine("/proc/sys/kernel/osrelease") ?? "?"}";

    private static string DescribeMachine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memoryKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : "?";
        var gib = long.TryParse(memoryKb, out var kb) ? $"{kb / 1024.0 / 1024.0:0} GiB" : "? GiB";
        return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {gib}";
    }

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
}
