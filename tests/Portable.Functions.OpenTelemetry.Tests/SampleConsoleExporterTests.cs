using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.OpenTelemetry.Tests;

/// <summary>The HelloHttp sample as a real process with <c>OTEL_TRACES_EXPORTER=console</c>.</summary>
public sealed class SampleConsoleExporterTests
{
    [Fact]
    public async Task Sample_WithConsoleExporter_PrintsSpansWithTriggerAndInvocationId_AndLogLinesCarryTheTrace()
    {
        var port = Loopback.FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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

            // The console exporter writes when the span ends; give the pipe a bounded moment.
            var waitUntil = DateTime.UtcNow.AddSeconds(10);
            while (!Snapshot(lines).Any(l => l.Contains("faas.invocation_id", StringComparison.Ordinal)) && DateTime.UtcNow < waitUntil)
            {
                await Task.Delay(100);
            }

            var output = Snapshot(lines);
            Assert.Contains(output, l => l.Contains("faas.trigger: http", StringComparison.Ordinal));
            Assert.Contains(output, l => l.Contains("faas.invocation_id: ", StringComparison.Ordinal));
            Assert.Contains(output, l => l.Contains("4bf92f3577b34da6a3ce929d0e0e4736", StringComparison.Ordinal) && l.Contains("TraceId", StringComparison.OrdinalIgnoreCase));

            // The handler's own log line carries the same trace (the console line format's trace=).
            Assert.Contains(output, l => l.Contains(" trace=4bf92f3577b34da6a3ce929d0e0e4736", StringComparison.Ordinal) && l.Contains("o-1", StringComparison.Ordinal));
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
