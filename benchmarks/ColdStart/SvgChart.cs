using System.Globalization;
using System.Net;
using System.Text;

namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// Draws the table's TTFR column as a horizontal bar chart (median bar, min–p90 whisker), grouped by
/// build mode. Plain SVG text, so it renders on GitHub and in any browser without a plotting package.
/// </summary>
internal static class SvgChart
{
    private const int LabelWidth = 360;
    private const int PlotWidth = 460;
    private const int ValueWidth = 120;
    private const int RowHeight = 22;
    private const int HeaderHeight = 26;
    private const int Top = 56;
    private const int Bottom = 54;

    public static string Render(RunInfo info, IReadOnlyList<SubjectResult> results)
    {
        var measured = results.Where(r => r.Ttfr is not null).ToList();
        var groups = measured.GroupBy(r => r.Subject.Mode).OrderBy(g => g.Key).ToList();
        var max = measured.Count == 0 ? 1 : measured.Max(r => r.Ttfr!.P90);
        var step = NiceStep(max / 5);
        var axisMax = Math.Ceiling(max / step) * step;
        var height = Top + (groups.Count * HeaderHeight) + (measured.Count * RowHeight) + Bottom;
        const int width = LabelWidth + PlotWidth + ValueWidth;
        double X(double ms) => LabelWidth + (ms / axisMax * PlotWidth);

        var svg = new StringBuilder();
        svg.AppendLine(F($"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"""))
            .AppendLine(F($"""<rect width="{width}" height="{height}" fill="#ffffff"/>"""))
            .AppendLine(F($"""<text x="12" y="22" font-size="15" font-weight="bold">Cold start: spawn → first response (ms, median; whisker min–p90)</text>"""))
            .AppendLine(F($"""<text x="12" y="40" fill="#555">{Escape($"{info.Started:yyyy-MM-dd} · {info.Machine} · {info.Runs} runs/subject · page cache warm")}</text>"""));

        var plotBottom = height - Bottom + 6;
        for (var tick = 0.0; tick <= axisMax + (step / 2); tick += step)
        {
            svg.AppendLine(F($"""<line x1="{X(tick):0.#}" y1="{Top - 4}" x2="{X(tick):0.#}" y2="{plotBottom}" stroke="#e2e2e2"/>"""))
                .AppendLine(F($"""<text x="{X(tick):0.#}" y="{plotBottom + 14}" text-anchor="middle" fill="#555">{tick:0}</text>"""));
        }

        var y = Top;
        foreach (var group in groups)
        {
            svg.AppendLine(F($"""<text x="12" y="{y + 17}" font-weight="bold">{Escape(Describe(group.Key))}</text>"""));
            y += HeaderHeight;
            foreach (var result in group)
            {
                var ttfr = result.Ttfr!;
                var mid = y + (RowHeight / 2);
                svg.AppendLine(F($"""<text x="{LabelWidth - 8}" y="{mid + 4}" text-anchor="end">{Escape(result.Subject.Spec.Title)}</text>"""))
                    .AppendLine(F($"""<rect x="{LabelWidth}" y="{y + 3}" width="{X(ttfr.Median) - LabelWidth:0.#}" height="{RowHeight - 6}" fill="{Colour(result.Subject)}"/>"""))
                    .AppendLine(F($"""<line x1="{X(ttfr.Min):0.#}" y1="{mid}" x2="{X(ttfr.P90):0.#}" y2="{mid}" stroke="#222"/>"""))
                    .AppendLine(F($"""<line x1="{X(ttfr.Min):0.#}" y1="{mid - 4}" x2="{X(ttfr.Min):0.#}" y2="{mid + 4}" stroke="#222"/>"""))
                    .AppendLine(F($"""<line x1="{X(ttfr.P90):0.#}" y1="{mid - 4}" x2="{X(ttfr.P90):0.#}" y2="{mid + 4}" stroke="#222"/>"""))
                    .AppendLine(F($"""<text x="{Math.Max(X(ttfr.P90), X(ttfr.Median)) + 6:0.#}" y="{mid + 4}">{ttfr.Median:0.0}</text>"""));
                y += RowHeight;
            }
        }

        var legendY = height - 14;
        var legend = new[] { ("Portable Functions", "#2b6cb0"), ("baseline (no SDK)", "#a0aec0"), ("Node.js peer", "#dd6b20") };
        var legendX = 12;
        foreach (var (label, colour) in legend)
        {
            svg.AppendLine(F($"""<rect x="{legendX}" y="{legendY - 10}" width="12" height="12" fill="{colour}"/>"""))
                .AppendLine(F($"""<text x="{legendX + 18}" y="{legendY}">{Escape(label)}</text>"""));
            legendX += 170;
        }

        return svg.AppendLine("</svg>").ToString();
    }

    private static string Describe(BuildMode mode) => mode switch
    {
        BuildMode.Jit => "JIT (framework-dependent)",
        BuildMode.ReadyToRun => "ReadyToRun (framework-dependent)",
        BuildMode.NativeAot => "Native AOT",
        _ => "Node.js",
    };

    private static string Colour(Subject subject) =>
        subject.Mode == BuildMode.Node ? "#dd6b20" : subject.Spec.BaselineId is null ? "#a0aec0" : "#2b6cb0";

    // 1, 2 or 5 times a power of ten: axis ticks a reader can add up.
    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(rough, 1e-9))));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
