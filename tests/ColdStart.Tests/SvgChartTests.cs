using System.Xml.Linq;
using Portable.Benchmarks.ColdStart;

namespace ColdStart.Tests;

public sealed class SvgChartTests
{
    [Fact]
    public void Results_RenderWellFormedSvgWithOneBarAndLabelPerSubject()
    {
        var results = new[] { Result("knative", "slim", 29.4), Result("slim", null, 46.9) };
        var info = new RunInfo(DateTimeOffset.UnixEpoch, 20, 1, 100, []);

        var svg = XDocument.Parse(SvgChart.Render(info, results));

        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("knative title", texts);
        Assert.Contains("slim title", texts);
        Assert.Contains("29.4", texts);
        Assert.Contains("46.9", texts);
        Assert.Equal(2, svg.Descendants(ns + "rect").Count(r => (string?)r.Attribute("height") == "16"));
    }

    private static SubjectResult Result(string id, string? baseline, double ttfr)
    {
        var spec = new SubjectSpec(id, id + " title", new DotNetApp("x", "X"), new HttpProbe("GET", "/", 200, "ok"), baseline, new Dictionary<string, string>());
        var result = new SubjectResult(new Subject(spec, BuildMode.NativeAot, new PreparedApp("x", [], "/", 1, "single binary")));
        result.Samples.Add(new RunSample(ttfr, 1024, 1024, 1));
        return result;
    }
}
