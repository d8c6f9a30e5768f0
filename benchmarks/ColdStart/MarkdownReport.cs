using System.Globalization;
using System.Text;

namespace Portable.Benchmarks.ColdStart;

/// <summary>Writes the results as a markdown table with ratios to the baseline of the same build mode.</summary>
internal static class MarkdownReport
{
    public static string Render(RunInfo info, IReadOnlyList<SubjectResult> results)
    {
        var byKey = results.ToDictionary(r => r.Subject.Key);
        var text = new StringBuilder();
        text.AppendLine("# Cold start: time to first response")
            .AppendLine()
            .AppendLine(Invariant($"Run {info.Started:yyyy-MM-dd HH:mm} UTC on {info.Machine}; {info.Software}."))
            .AppendLine(Invariant($"{info.Runs} timed runs per subject, interleaved round-robin across subjects, {info.GapMs} ms apart, after {info.Warmup} untimed start(s) each."))
            .AppendLine("Page cache **warm** (binaries were just published and started once; caches not dropped). No build ran during timing (build lock held).")
            .AppendLine("TTFR = spawn → first successful response (HTTP subjects: `GET /hello` polled every 0.5 ms on loopback; Lambda subjects: response POSTed to the fake Runtime API).")
            .AppendLine("RSS = VmRSS right after that response. Exit = SIGTERM → process gone. Size = publish output without debug symbols.")
            .AppendLine()
            .AppendLine("| subject | mode | TTFR median ms | p90 | min | × baseline | RSS MB | × baseline | peak RSS MB | size MB | exit ms | runs (failed) |")
            .AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var result in results)
        {
            var subject = result.Subject;
            var baseline = subject.BaselineKey is { } key && byKey.TryGetValue(key, out var b) ? b : null;
            var ttfr = result.Ttfr;
            var rss = result.RssMb;
            text.Append(Invariant($"| {subject.Spec.Title} | {subject.Mode.Label()} | "))
                .Append(Number(ttfr?.Median)).Append(" | ").Append(Number(ttfr?.P90)).Append(" | ").Append(Number(ttfr?.Min)).Append(" | ")
                .Append(RatioText(ttfr?.Median, baseline?.Ttfr?.Median, subject)).Append(" | ")
                .Append(Number(rss?.Median)).Append(" | ")
                .Append(RatioText(rss?.Median, baseline?.RssMb?.Median, subject)).Append(" | ")
                .Append(Number(result.PeakRssMb?.Median)).Append(" | ")
                .Append(Invariant($"{subject.App.SizeBytes / 1024.0 / 1024.0:0.0} ({subject.App.SizeNote})")).Append(" | ")
                .Append(Number(result.ExitMs?.Median)).Append(result.KilledAfterSigterm > 0 ? Invariant($" ({result.KilledAfterSigterm} killed)") : string.Empty).Append(" | ")
                .Append(Invariant($"{result.Samples.Count} ({result.Failures.Count})")).AppendLine(" |");
        }

        text.AppendLine().AppendLine("## Targets (same run)").AppendLine()
            .AppendLine("| target | measured | verdict |").AppendLine("| --- | --- | --- |");
        foreach (var (target, measured, verdict) in ColdStartTargets.Evaluate(byKey))
        {
            text.AppendLine($"| {target} | {measured} | {verdict} |");
        }

        var failures = results.Where(r => r.Failures.Count > 0).ToList();
        if (failures.Count > 0 || info.Skipped.Count > 0)
        {
            text.AppendLine().AppendLine("## Skipped and failed").AppendLine();
            foreach (var skipped in info.Skipped)
            {
                text.AppendLine("- skipped: " + skipped);
            }

            foreach (var result in failures)
            {
                text.AppendLine(Invariant($"- {result.Subject.Key}: {result.Failures.Count} failed run(s), first: {result.Failures[0]}"));
            }
        }

        return text.ToString();
    }

    private static string RatioText(double? value, double? baseline, Subject subject) =>
        subject.Spec.BaselineId is null ? (subject.Mode == BuildMode.Node ? "peer" : "baseline")
        : value is { } v && baseline is { } b && b > 0 ? Invariant($"{v / b:0.00}×")
        : "n/a";

    private static string Number(double? value) => value is { } v ? Invariant($"{v:0.0}") : "—";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
