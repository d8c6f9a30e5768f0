using System.Diagnostics;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// The HelloHttp sample as a real process (its Program, JIT) against the fake Runtime API: what only
/// a process shows — SIGTERM between invokes exits 0, a failed init exits non-zero after /init/error.
/// </summary>
[Collection(RuntimeLoopCollection.Name)]
public sealed class SampleProcessTests
{
    [SkippableFact]
    public async Task Sigterm_BetweenInvokes_ExitsZero()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "SIGTERM is sent with kill(1).");
        await using var api = await FakeRuntimeApi.StartAsync();
        using var process = StartSample(api, memorySize: "512");

        var result = await api.InvokeAsync(Events.HttpApi("GET", "/hello", "name=Process"));
        await Task.Delay(200);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("Hello, Process!", result.Json.GetProperty("body").GetString());
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task InvalidMemorySize_PostsInitError_AndExitsNonZero()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        using var process = StartSample(api, memorySize: "lots");

        var initError = await api.InitError.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("Runtime.InitError", initError.ErrorTypeHeader);
        Assert.NotEqual(0, process.ExitCode);
    }

    [Fact]
    public async Task RuntimeApiUnreachable_LogsOneLine_AndExits1_WithoutAStackTrace()
    {
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var process = StartSample("127.0.0.1:" + RuntimeLoopTests.ClosedPort(), "512", output);

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode);
        var lines = output.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        Assert.Single(lines, l => l.Contains("cannot be reached", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    internal static Process StartSample(FakeRuntimeApi api, string memorySize) => StartSample(api.Address, memorySize, null);

    private static Process StartSample(string runtimeApi, string memorySize, System.Collections.Concurrent.ConcurrentQueue<string>? output)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(HelloHttp.HelloHttpApp).Assembly.Location);
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        info.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = memorySize;
        info.Environment["AWS_LAMBDA_LOG_FORMAT"] = "JSON";
        var process = Process.Start(info)!;

        // Drain the pipes so a chatty child never blocks on a full buffer.
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string>? output, string? line)
    {
        if (output is not null && line is not null)
        {
            output.Enqueue(line);
        }
    }
}
