namespace Portable.Benchmarks.ColdStart;

/// <summary>The cold-start targets of the benchmark issue, checked against one run's results.</summary>
internal static class ColdStartTargets
{
    /// <summary>Rows of (target, measured, met) for the report; unmeasured targets say why.</summary>
    public static IEnumerable<(string Target, string Measured, string Verdict)> Evaluate(IReadOnlyDictionary<string, SubjectResult> results)
    {
        var knative = Get(results, "knative/AOT");
        var slim = Get(results, $"{SubjectCatalog.KestrelBaseline}/AOT");
        var node = Get(results, $"{SubjectCatalog.NodePeer}/node");
        var aws = Get(results, "aws/AOT");
        var awsOnly = Get(results, $"{SubjectCatalog.AwsOnly}/AOT");
        var loop = Get(results, $"{SubjectCatalog.LambdaBaseline}/AOT");
        var loopHydrated = Get(results, $"{SubjectCatalog.LambdaBaselineHydrated}/AOT");
        var slimHydrated = Get(results, $"{SubjectCatalog.KestrelBaselineHydrated}/AOT");

        yield return Ratio("AOT Knative host TTFR ≤ 1.10× bare AOT Kestrel", knative?.Ttfr?.Median, slim?.Ttfr?.Median, 1.10, atMost: true);
        yield return Ratio("(same, baseline with IlcDehydrate=false)", knative?.Ttfr?.Median, slimHydrated?.Ttfr?.Median, 1.10, atMost: true);
        yield return Ratio("AOT Knative host RSS ≤ 1.2× bare AOT Kestrel", knative?.RssMb?.Median, slim?.RssMb?.Median, 1.2, atMost: true);
        yield return Ratio("AOT Knative host ≥ 3.5× faster than the Node peer (Node TTFR ÷ ours)", node?.Ttfr?.Median, knative?.Ttfr?.Median, 3.5, atMost: false);
        yield return Ratio("AOT Lambda bootstrap start→response ≤ 1.15× hand-written AOT loop (all-in-one sample binary)", aws?.Ttfr?.Median, loop?.Ttfr?.Median, 1.15, atMost: true);
        yield return Ratio("AOT Lambda bootstrap start→response ≤ 1.15× hand-written AOT loop (Lambda-only build)", awsOnly?.Ttfr?.Median, loop?.Ttfr?.Median, 1.15, atMost: true);
        yield return Ratio("(same, loop with IlcDehydrate=false like the Lambda-only build)", awsOnly?.Ttfr?.Median, loopHydrated?.Ttfr?.Median, 1.15, atMost: true);
    }

    private static SubjectResult? Get(IReadOnlyDictionary<string, SubjectResult> results, string key) =>
        results.TryGetValue(key, out var result) && result.Samples.Count > 0 ? result : null;

    private static (string, string, string) Ratio(string target, double? numerator, double? denominator, double limit, bool atMost)
    {
        if (numerator is not { } n || denominator is not { } d || d <= 0)
        {
            return (target, "not measured in this run", "—");
        }

        var ratio = n / d;
        var met = atMost ? ratio <= limit : ratio >= limit;
        return (target, $"{ratio:0.00}× ({n:0.#} / {d:0.#})", met ? "met" : "**not met**");
    }
}
