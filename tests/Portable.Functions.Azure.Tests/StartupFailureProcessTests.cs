using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Azure.Tests;

/// <summary>The sample as a custom handler, given a port it cannot use: one line, exit code 1 (was an unhandled exception).</summary>
public sealed class StartupFailureProcessTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("99999")]
    public async Task BadCustomHandlerPort_ExitsWithCode1_AndOneLineNamingTheVariable(string port)
    {
        var (code, output) = await AppProcess.RunToExitAsync("HelloHttp.dll", ("FUNCTIONS_CUSTOMHANDLER_PORT", port));

        Assert.Equal(1, code);
        AppProcess.AssertOneFailureLine(output, $"FUNCTIONS_CUSTOMHANDLER_PORT='{port}'");
    }
}
