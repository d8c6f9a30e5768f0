using System.Diagnostics;

namespace Portable.Functions.Tests.Shared;

/// <summary>Runs a built app (<c>dotnet App.dll</c>) as a real process until it exits, keeping every output line.</summary>
internal static class AppProcess
{
    /// <summary>Starts <paramref name="dll"/> (beside the test assembly) with the environment given, in Production unless set.</summary>
    /// <returns>The exit code and the lines of stdout and stderr, in arrival order.</returns>
    /// <exception cref="TimeoutException">The app had not exited after 30 s (it is killed).</exception>
    public static async Task<(int Code, IReadOnlyList<string> Output)> RunToExitAsync(string dll, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, dll)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var lines = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{dll} did not exit: {string.Join(Environment.NewLine, lines)}");
        }

        // WaitForExitAsync returns after the redirected streams reach their end.
        lock (lines)
        {
            return (process.ExitCode, lines.ToArray());
        }

        void Add(string? line)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }
    }

    /// <summary>Asserts the output has exactly one failure line (the level word given), holding <paramref name="expected"/>, and no stack trace.</summary>
    public static void AssertOneFailureLine(IReadOnlyList<string> output, string expected, string levelWord = " crit ")
    {
        var failure = Assert.Single(output, l => l.Contains(levelWord, StringComparison.Ordinal));
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(output, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
