namespace Portable.Functions.Gcp.Tests;

public sealed class CloudTraceContextTests
{
    [Theory]
    [InlineData("105445aa7843bc8bf206b12000100000/1;o=1", "00-105445aa7843bc8bf206b12000100000-0000000000000001-01")]
    [InlineData("105445AA7843BC8BF206B12000100000/18446744073709551615;o=0", "00-105445aa7843bc8bf206b12000100000-ffffffffffffffff-00")]
    [InlineData("105445aa7843bc8bf206b12000100000", "00-105445aa7843bc8bf206b12000100000-0000000000000001-00")]
    public void ValidHeader_BecomesTraceParent(string header, string expected)
    {
        Assert.Equal(expected, CloudTraceContext.ToTraceParent(header));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-trace/1;o=1")]
    [InlineData("00000000000000000000000000000000/1;o=1")]
    [InlineData("105445aa7843bc8bf206b12000100000/-5;o=1")]
    [InlineData("105445aa7843bc8bf206b12000100000/abc")]
    public void MalformedHeader_IsIgnored(string header)
    {
        Assert.Null(CloudTraceContext.ToTraceParent(header));
    }
}
