namespace Portable.Benchmarks.ColdStart;

/// <summary>All runs of one subject and their summaries.</summary>
internal sealed class SubjectResult(Subject subject)
{
    public Subject Subject { get; } = subject;

    public List<RunSample> Samples { get; } = [];

    public List<string> Failures { get; } = [];

    public Summary? Ttfr => Summary.Of(Samples.Select(s => s.TimeToFirstResponseMs));

    public Summary? RssMb => Summary.Of(Samples.Select(s => s.RssKb / 1024.0));

    public Summary? PeakRssMb => Summary.Of(Samples.Select(s => s.PeakRssKb / 1024.0));

    public Summary? ExitMs => Summary.Of(Samples.Where(s => s.ExitMs.HasValue).Select(s => s.ExitMs!.Value));

    public int KilledAfterSigterm => Samples.Count(s => s.ExitMs is null);
}
