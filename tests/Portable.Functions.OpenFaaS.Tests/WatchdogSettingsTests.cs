using System.Net;
using Microsoft.Extensions.Configuration;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenFaaS.Tests;

/// <summary>The of-watchdog settings as its README and config.go define them.</summary>
public sealed class WatchdogSettingsTests
{
    [Theory]
    [InlineData("10", 10_000)]
    [InlineData("0", 0)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("250us", 0.25)]
    public void GoDuration_ParsesSecondsAndGoDurations(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("10x")]
    [InlineData("1..5s")]
    [InlineData("s")]
    [InlineData("-")]
    public void GoDuration_RejectsWhatGoRejects(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Fact]
    public void Settings_PortAndLoopback_ComeFromTheUpstreamUrl()
    {
        var settings = OpenFaasSettings.Read(Config(("mode", "http"), ("fprocess", "./app"), ("upstream_url", "http://127.0.0.1:5000")));

        Assert.Equal(5000, settings.Port);
        Assert.Equal(IPAddress.Loopback, settings.BindAddress);
    }

    [Fact]
    public void Settings_HttpUpstreamUrl_WinsOverUpstreamUrl()
    {
        var settings = OpenFaasSettings.Read(Config(("upstream_url", "http://127.0.0.1:5000"), ("http_upstream_url", "http://127.0.0.1:6000")));

        Assert.Equal(6000, settings.Port);
    }

    [Fact]
    public void Settings_TimeoutsDefaultTo30s_AndUnparsableValuesTakeTheDefault()
    {
        var settings = OpenFaasSettings.Read(Config(("upstream_url", "http://127.0.0.1:5000"), ("exec_timeout", "soon")));

        Assert.Equal(TimeSpan.FromSeconds(30), settings.ExecTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.WriteTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.HealthcheckInterval);
    }

    [Fact]
    public void Settings_InvocationTimeout_IsTheShorterOfExecAndWrite_AndExecZeroMeansWriteOnly()
    {
        var exec = OpenFaasSettings.Read(Config(("upstream_url", "http://127.0.0.1:5000"), ("exec_timeout", "5s"), ("write_timeout", "1m")));
        var disabled = OpenFaasSettings.Read(Config(("upstream_url", "http://127.0.0.1:5000"), ("exec_timeout", "0"), ("write_timeout", "45")));

        Assert.Equal(TimeSpan.FromSeconds(5), exec.InvocationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), disabled.InvocationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(45), disabled.HealthcheckInterval);
    }

    [Theory]
    [InlineData("https://127.0.0.1:5000")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("not a url")]
    public void Settings_UpstreamThatIsNotPlainHttp_IsReportedWithTheValue(string url)
    {
        var settings = OpenFaasSettings.Read(Config(("upstream_url", url)));
        Assert.Contains(url, settings.UpstreamError, StringComparison.Ordinal);
    }

    [Fact]
    public void IsWatchdog_NeedsHttpMode_AFunctionProcess_AndAnUpstreamUrl()
    {
        Assert.True(OpenFaasSettings.IsWatchdog(Config(("mode", "http"), ("fprocess", "./app"), ("upstream_url", "http://127.0.0.1:5000"))));
        Assert.True(OpenFaasSettings.IsWatchdog(Config(("mode", "HTTP"), ("function_process", "./app"), ("http_upstream_url", "http://127.0.0.1:5000"))));
        Assert.False(OpenFaasSettings.IsWatchdog(Config(("mode", "streaming"), ("fprocess", "./app"), ("upstream_url", "http://127.0.0.1:5000"))));
        Assert.False(OpenFaasSettings.IsWatchdog(Config(("mode", "http"), ("upstream_url", "http://127.0.0.1:5000"))));
        Assert.False(OpenFaasSettings.IsWatchdog(Config(("mode", "http"), ("fprocess", "./app"))));
    }

    [Fact]
    public void CallId_IsTheInvocationId()
    {
        var request = new FunctionRequest("GET", "/", new HeaderCollection { { "X-Call-Id", "079d9ff9-d7b7-4e37-b195-5ad520e6f797" } });

        Assert.Equal("079d9ff9-d7b7-4e37-b195-5ad520e6f797", OpenFaasHttpMapper.InvocationId(request));
        Assert.Null(OpenFaasHttpMapper.InvocationId(new FunctionRequest("GET", "/")));
    }

    [Theory]
    [InlineData("10s", "30s", 10)]
    [InlineData("1m", "30s", null)]
    [InlineData("10s", "0", null)]
    [InlineData("bogus", "30s", null)]
    public void XTimeout_ShortensTheDeadline_OnlyWhereTheWatchdogHonoursIt(string header, string exec, int? seconds)
    {
        var settings = OpenFaasSettings.Read(Config(("upstream_url", "http://127.0.0.1:5000"), ("exec_timeout", exec)));
        var request = new FunctionRequest("GET", "/", new HeaderCollection { { "X-Timeout", header } });
        var now = DateTimeOffset.UnixEpoch;

        var deadline = OpenFaasHttpMapper.Deadline(request, settings, now);

        Assert.Equal(seconds is { } s ? now.AddSeconds(s) : null, deadline);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
