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
        var loopAsBootstrap = Get(results, $"{SubjectCatalog.LambdaBaselineAsBootstrap}/AOT");
        var slimHydrated = Get(results, $"{SubjectCatalog.KestrelBaselineHydrated}/AOT");

        yield return Ratio("AOT Knative host TTFR ≤ 1.10× bare AOT Kestrel", knative?.Ttfr?.Median, slim?.Ttfr?.Median, 1.10, atMost: true);
        yield return Ratio("(same, baseline with IlcDehydrate=false)", knative?.Ttfr?.Median, slimHydrated?.Ttfr?.Median, 1.10, atMost: true);
        yield return Ratio("AOT Knative host RSS ≤ 1.2× bare AOT Kestrel", knative?.RssMb?.Median, slim?.RssMb?.Median, 1.2, atMost: true);
        yield return Ratio("AOT Knative host ≥ 3.5× faster than the Node peer (Node TTFR ÷ ours)", node?.Ttfr?.Median, knative?.Ttfr?.Median, 3.5, atMost: false);
        yield return Ratio("AOT Lambda bootstrap start→response ≤ 1.15× hand-written AOT loop (all-in-one sample binary)", aws?.Ttfr?.Median, loop?.Ttfr?.Median, 1.15, atMost: true);
        yield return Ratio("AOT Lambda bootstrap start→response ≤ 1.15× hand-written AOT loop (Lambda-only build)", awsOnly?.Ttfr?.Median, loop?.Ttfr?.Median, 1.15, atMost: true);
        yield return Ratio("(same, loop published with the Lambda-only build's IlcDehydrate=false PositionIndependentExecutable=false)", awsOnly?.Ttfr?.Median, loopAsBootstrap?.Ttfr?.Median, 1.15, atMost: true);

        // Issue 18's managed-runtime targets (Lambda-only build against the loop, same run), as published and
        // with the runtime settings the generated SAM/Terraform files set (applied to both).
        foreach (var (mode, limit) in new[] { ("JIT", 1.30), ("R2R", 1.15), ("AOT", 1.20) })
        {
            var ours = Get(results, $"{SubjectCatalog.AwsOnly}/{mode}");
            var theirs = Get(results, $"{SubjectCatalog.LambdaBaseline}/{mode}");
            yield return Ratio($"{mode} Lambda-only bootstrap ≤ {limit:0.00}× hand-written loop", ours?.Ttfr?.Median, theirs?.Ttfr?.Median, limit, atMost: true);
            if (mode == "AOT")
            {
                yield return Ratio("(same, loop published with the Lambda-only build's Native AOT settings)", ours?.Ttfr?.Median, loopAsBootstrap?.Ttfr?.Median, limit, atMost: true);
            }

            // Both on the adapter's transport (HTTP/1.1 on a socket): what the SDK itself adds. No target.
            var socketLoop = Get(results, $"{SubjectCatalog.LambdaSocketLoop}/{mode}");
            yield return Reference($"({mode}, against the loop over a raw socket: the SDK's own share)", ours?.Ttfr?.Median, socketLoop?.Ttfr?.Median);

            var tuned = Get(results, $"{SubjectCatalog.AwsOnlyTuned}/{mode}");
            var loopTuned = Get(results, $"{SubjectCatalog.LambdaBaselineTuned}/{mode}");
            yield return Ratio($"(same, both with DOTNET_TieredPGO=0 DOTNET_gcConcurrent=0)", tuned?.Ttfr?.Median, loopTuned?.Ttfr?.Median, limit, atMost: true);
            yield return Ratio($"(same, bootstrap with those settings, loop as is)", tuned?.Ttfr?.Median, theirs?.Ttfr?.Median, limit, atMost: true);
        }
    }

    private static SubjectResult? Get(IReadOnlyDictionary<string, SubjectResult> results, string key) =>
        results.TryGetValue(key, out var result) && result.Samples.Count > 0 ? result : null;

    private static (string, string, string) Reference(string what, double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d > 0
            ? (what, $"{n / d:0.00}× ({n:0.#} / {d:0.#})", "reference")
            : (what, "not measured in this run", "—");

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
