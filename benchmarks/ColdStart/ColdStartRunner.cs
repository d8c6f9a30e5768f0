using System.Diagnostics;

namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// Starts a subject once and measures it: spawn → first successful response, RSS right after it, then
/// SIGTERM → exit. Output goes to a pipe that is drained and kept only for error messages.
/// </summary>
internal static class ColdStartRunner
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(10);

    // Variables that would override the port or platform the probe chooses.
    private static readonly string[] s_scrubbed =
    [
        "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "PORT", "K_SERVICE", "FUNCTION_TARGET",
        "AWS_LAMBDA_RUNTIME_API", "FUNCTIONS_CUSTOMHANDLER_PORT", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
    ];

    /// <exception cref="ProbeFailedException">No successful first response; the message includes the subject's last output.</exception>
    public static RunSample RunOnce(Subject subject)
    {
        var start = new ProcessStartInfo(subject.App.FileName)
        {
            WorkingDirectory = subject.App.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in subject.App.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in s_scrubbed)
        {
            start.Environment.Remove(name);
        }

        var environment = new Dictionary<string, string?>(subject.Spec.Environment.ToDictionary(p => p.Key, p => (string?)p.Value));
        using var probe = subject.Spec.Probe.Arm(environment);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new OutputTail();
        var spawned = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new ProbeFailedException("Process.Start returned no process");
        process.OutputDataReceived += output.Add;
        process.ErrorDataReceived += output.Add;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var answered = probe.WaitForFirstResponse(process, s_startTimeout);
            var (rss, peak) = ProcStatus.Read(process.Id);
            var ttfr = Stopwatch.GetElapsedTime(spawned, answered).TotalMilliseconds;
            return new RunSample(ttfr, rss, peak, Stop(process));
        }
        catch (ProbeFailedException failure)
        {
            Kill(process);
            throw new ProbeFailedException($"{failure.Message}; last output: {output}");
        }
    }

    private static double? Stop(Process process)
    {
        var signalled = Stopwatch.GetTimestamp();
        Native.Terminate(process.Id);
        if (process.WaitForExit(s_exitTimeout))
        {
            return Stopwatch.GetElapsedTime(signalled).TotalMilliseconds;
        }

        Kill(process);
        return null;
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private sealed class OutputTail
    {
        private readonly Queue<string> _lines = new();

        public void Add(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(e.Data);
                if (_lines.Count > 8)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return _lines.Count == 0 ? "(none)" : string.Join(" | ", _lines);
            }
        }
    }
}
