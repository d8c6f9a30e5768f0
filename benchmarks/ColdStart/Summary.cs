namespace Portable.Benchmarks.ColdStart;

/// <summary>Median, p90 and minimum of a sample (nearest-rank percentiles; nothing is discarded).</summary>
/// <param name="Median">50th percentile.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="Min">Smallest value.</param>
internal sealed record Summary(double Median, double P90, double Min)
{
    public static Summary? Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : new Summary(Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted[0]);
    }

    // Nearest rank: the smallest value with at least p of the sample at or below it.
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
