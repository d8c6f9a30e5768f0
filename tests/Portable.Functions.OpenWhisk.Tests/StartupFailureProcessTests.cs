using Portable.Functions.Tests.Shared;

namespace Portable.Functions.OpenWhisk.Tests;

/// <summary>The HelloHttp sample as a real process in an OpenWhisk action container: start-up failures end it cleanly.</summary>
public sealed class StartupFailureProcessTests
{
    [Fact]
    public async Task BadPort_ExitsWithCode1_AndOneLineNamingIt()
    {
        var (code, output) = await AppProcess.RunToExitAsync("HelloHttp.dll", ("__OW_API_HOST", "http://127.0.0.1:3233"), ("PORT", "abc"));

        Assert.Equal(1, code);
        AppProcess.AssertOneFailureLine(output, "PORT='abc'");
        Assert.Contains(output, l => l.Contains("openwhisk host failed", StringComparison.Ordinal));
    }
}
