namespace Portable.Benchmarks.ColdStart;

/// <summary>One timed start of a subject.</summary>
/// <param name="TimeToFirstResponseMs">Spawn → first successful response, ms.</param>
/// <param name="RssKb">VmRSS right after the first response, KiB.</param>
/// <param name="PeakRssKb">VmHWM (peak RSS so far), KiB.</param>
/// <param name="ExitMs">SIGTERM → process exit, ms; <see langword="null"/> when it had to be killed.</param>
internal sealed record RunSample(double TimeToFirstResponseMs, long RssKb, long PeakRssKb, double? ExitMs);
