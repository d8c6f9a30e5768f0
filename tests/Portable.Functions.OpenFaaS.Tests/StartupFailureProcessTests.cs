using Portable.Functions.Tests.Shared;

namespace Portable.Functions.OpenFaaS.Tests;

/// <summary>The HelloHttp sample as a real process forked the way of-watchdog forks it: start-up failures end it cleanly.</summary>
public sealed class StartupFailureProcessTests
{
    [Theory]
    [InlineData("https://127.0.0.1:5000")]
    [InlineData("127.0.0.1:5000")]
    public async Task UnusableUpstreamUrl_ExitsWithCode1_AndOneLineNamingIt(string url)
    {
        var (code, output) = await AppProcess.RunToExitAsync("HelloHttp.dll", ("mode", "http"), ("fprocess", "./HelloHttp"), ("upstream_url", url));

        Assert.Equal(1, code);
        AppProcess.AssertOneFailureLine(output, $"upstream_url='{url}'");
    }
}
