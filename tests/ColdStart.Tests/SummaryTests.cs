using Portable.Benchmarks.ColdStart;

namespace ColdStart.Tests;

public sealed class SummaryTests
{
    [Fact]
    public void TenValues_NearestRankMedianP90AndMin()
    {
        var summary = Summary.Of([7, 3, 10, 1, 9, 2, 8, 4, 6, 5]);

        Assert.NotNull(summary);
        Assert.Equal(5, summary.Median);
        Assert.Equal(9, summary.P90);
        Assert.Equal(1, summary.Min);
    }

    [Fact]
    public void OneValue_IsEveryStatistic()
    {
        var summary = Summary.Of([42.5]);

        Assert.Equal(new Summary(42.5, 42.5, 42.5), summary);
    }

    [Fact]
    public void NoValues_NoSummary() => Assert.Null(Summary.Of([]));
}
