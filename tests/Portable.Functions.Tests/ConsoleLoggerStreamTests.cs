using Microsoft.Extensions.Logging;

namespace Portable.Functions.Tests;

/// <summary>
/// The default console logger finds the console's streams when it writes a line, not when it is made:
/// a start that logs nothing never sets the console up, and Error lines still reach standard error.
/// </summary>
public sealed class ConsoleLoggerStreamTests
{
    [Fact]
    public void ErrorLines_GoToStandardError_OtherLinesToStandardOutput_AsTheyAreWhenWritten()
    {
        using var provider = new ConsoleLoggerProvider();
        var logger = provider.CreateLogger("Streams");
        var (originalOut, originalError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            // Set after the provider exists: a provider that kept the streams of its creation misses them.
            Console.SetOut(output);
            Console.SetError(error);
            logger.LogInformation("information-line-5c1d");
            logger.LogError("error-line-5c1d");
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.Contains("information-line-5c1d", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("error-line-5c1d", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("error-line-5c1d", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("information-line-5c1d", error.ToString(), StringComparison.Ordinal);
    }
}
