using System.Diagnostics;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.OpenTelemetry.Tests;

/// <summary>The HelloHttp sample as a real process with <c>OTEL_TRACES_EXPORTER=console</c>.</summary>
public sealed class SampleConsoleExporterTests
{
    [Fact]
    public async Task Sample_WithConsoleExporter_PrintsSpansWithTriggerAndInvocationId_AndLogLinesCarryTheTrace()
    {
        var output = await RunOneOrderAsync(runtimeConfig: null, waitForSpan: true);
        Assert.Contains(output, l => l.Contains("faas.trigger: http", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("faas.invocation_id: ", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("4bf92f3577b34da6a3ce929d0e0e4736", StringComparison.Ordinal) && l.Contains("TraceId", StringComparison.OrdinalIgnoreCase));

        // The handler's own log line carries the same trace (the console line format's trace=).
        Assert.Contains(output, l => l.Contains(" trace=4bf92f3577b34da6a3ce929d0e0e4736", StringComparison.Ordinal) && l.Contains("o-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sample_WithTelemetrySwitchedOff_PrintsNoSpanDespiteConsoleExporter_AndLogLinesStillCarryTheTrace()
    {
        // The runtime option <PortableTelemetry>false</PortableTelemetry> writes, given to the same build
        // through a copy of its runtimeconfig.json: UseOpenTelemetry() does nothing, the core starts no span.
        var config = Path.Combine(Path.GetTempPath(), $"HelloHttp-notelemetry-{Guid.NewGuid():N}.runtimeconfig.json");
        var original = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "HelloHttp.runtimeconfig.json"));
        Assert.Contains("\"configProperties\"", original, StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, original.Replace(
            "\"configProperties\": {",
            "\"configProperties\": {\n      \"Portable.Functions.Telemetry.IsSupported\": false,",
            StringComparison.Ordinal));
        try
        {
            var output = await RunOneOrderAsync(config, waitForSpan: false);
            Assert.DoesNotContain(output, l => l.Contains("faas.invocation_id", StringComparison.Ordinal));
            Assert.DoesNotContain(output, l => l.Contains("Activity.TraceId", StringComparison.Ordinal));
            Assert.Contains(output, l => l.Contains(" trace=4bf92f3577b34da6a3ce929d0e0e4736", StringComparison.Ordinal) && l.Contains("o-1", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(config);
        }
    }

    /// <summary>Starts the sample (optionally with another runtimeconfig), posts one order, returns its output lines.</summary>
    private static async Task<string[]> RunOneOrderAsync(string? runtimeConfig, bool waitForSpan)
    {
        var port = Loopback.FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runtimeConfig is not null)
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add("--runtimeconfig");
            start.ArgumentList.Add(runtimeConfig);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HelloHttp.dll"));
        foreach (var name in new[] { "FUNCTION_TARGET", "K_SERVICE", "AWS_LAMBDA_RUNTIME_API", "FUNCTIONS_CUSTOMHANDLER_PORT", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SDK_DISABLED" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OTEL_TRACES_EXPORTER"] = "console";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var lines = new List<string>();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { lines.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { lines.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var response = await Loopback.SendWhenUpAsync(
                client,
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent("""{"id":"o-1","quantity":2}""", System.Text.Encoding.UTF8, "application/json") };
                    request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
                    return request;
                },
                process,
                diagnostics: () => string.Join('\n', Snapshot(lines)));

            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
            response.Dispose();

            // The console exporter writes when the span ends, the handler's line when it runs: give the
            // pipe a bounded moment (with telemetry off, until the handler's line is there).
            var waitUntil = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < waitUntil && !Snapshot(lines).Any(l => waitForSpan
                ? l.Contains("faas.invocation_id", StringComparison.Ordinal)
                : l.Contains(" trace=4bf92f3577b34da6a3ce929d0e0e4736", StringComparison.Ordinal)))
            {
                await Task.Delay(100);
            }

            if (!waitForSpan)
            {
                // A span would be written when the invocation ends, just after the handler's line.
                await Task.Delay(500);
            }

            return Snapshot(lines);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string[] Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

}
