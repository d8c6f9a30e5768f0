using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// A Lambda bootstrap whose initialisation fails posts /runtime/init/error, then ends with exit code 1
/// and one log line naming the problem (before: an unhandled exception, exit code 134, stack traces).
/// </summary>
public sealed class StartupFailureProcessTests
{
    [Fact]
    public async Task InitFailure_PostsInitError_ExitsWithCode1_AndLogsOneLineWithoutStackTrace()
    {
        await using var api = await FakeRuntimeApi.StartAsync();

        var (code, output) = await AppProcess.RunToExitAsync(
            "HelloHttp.dll", ("AWS_LAMBDA_RUNTIME_API", api.Address), ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots"));

        Assert.Equal(1, code);
        Assert.True(api.InitError.Task.IsCompletedSuccessfully, "no /runtime/init/error was posted");
        var failure = Assert.Single(output, l => l.Contains("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", StringComparison.Ordinal));
        Assert.Contains("aws-lambda host failed", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
