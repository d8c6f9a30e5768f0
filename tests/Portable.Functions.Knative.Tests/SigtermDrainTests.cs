using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Knative.Tests;

/// <summary>Runs the test app as a real process and sends it a real SIGTERM.</summary>
public sealed partial class SigtermDrainTests
{
    [Fact]
    public async Task Sigterm_With100InFlight_AllComplete_NewConnectionsRefused_ProcessExitsZero()
    {
        var port = Loopback.FreePort();
        using var process = StartTestApp(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await WaitUntilServingAsync(client, process);

            var inFlight = Enumerable.Range(0, 100).Select(_ => client.GetAsync("/slow?ms=1500")).ToArray();
            await Task.Delay(400);
            Assert.Equal(0, Kill(process.Id, 15));

            var responses = await Task.WhenAll(inFlight);
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.All(responses, r => Assert.Equal("done", r.Content.ReadAsStringAsync().Result));

            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
            Assert.Equal(0, process.ExitCode);
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => new HttpClient().GetAsync($"http://127.0.0.1:{port}/ping"));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task Sigterm_WhenDrainBudgetRunsOut_TheTokenFiresAndTheRequestStillAnswers()
    {
        var port = Loopback.FreePort();
        using var process = StartTestApp(port, ("PORTABLE_SHUTDOWN_TIMEOUT_SECONDS", "2"), ("PORTABLE_DEADLINE_GRACE_MS", "500"));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            await WaitUntilServingAsync(client, process);
            var slow = client.GetAsync("/slow?ms=20000");
            await Task.Delay(300);
            var stopwatch = Stopwatch.StartNew();
            Kill(process.Id, 15);

            using var response = await slow;

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("cancelled", await response.Content.ReadAsStringAsync());
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"exit took {stopwatch.Elapsed}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    internal static Process StartTestApp(int port, params (string Name, string Value)[] environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Portable.Functions.Knative.TestApp.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitUntilServingAsync(HttpClient client, Process process)
    {
        using var response = await Loopback.SendWhenUpAsync(client, () => new HttpRequestMessage(HttpMethod.Get, "/ping"), process, TimeSpan.FromSeconds(20));
        Assert.True(response.IsSuccessStatusCode, $"/ping answered {(int)response.StatusCode}");
    }


    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
