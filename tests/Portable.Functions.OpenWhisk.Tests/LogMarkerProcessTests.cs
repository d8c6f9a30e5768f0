using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Portable.Functions.OpenWhisk.Tests;

/// <summary>
/// The HelloHttp sample as a real action process: after an activation the end-of-activation marker is the
/// last line on stdout and on stderr (docs/actions-new.md, Logging), which is what the invoker waits for.
/// </summary>
public sealed class LogMarkerProcessTests
{
    [Fact]
    public async Task Activation_EndsWithTheMarker_OnStdoutAndStderr()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "HelloHttp.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["__OW_API_HOST"] = "http://127.0.0.1:3233";
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stdout = new List<string>();
        var stderr = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Add(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var init = await PostUntilListeningAsync(client, "/init", OpenWhiskPayloads.Init());
            Assert.Equal(HttpStatusCode.OK, init);

            using var run = new ByteArrayContent(OpenWhiskPayloads.Run(OpenWhiskPayloads.RawWeb("GET", "/hello", "name=Ada")));
            run.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var answer = await client.PostAsync("/run", run);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

            // The markers were written before the answer left; give the pipes a moment to deliver them.
            for (var i = 0; i < 100 && !(Last(stdout) == OpenWhiskRuntime.LogSentinel && Last(stderr) == OpenWhiskRuntime.LogSentinel); i++)
            {
                await Task.Delay(50);
            }

            Assert.Equal(OpenWhiskRuntime.LogSentinel, Last(stdout));
            Assert.Equal(OpenWhiskRuntime.LogSentinel, Last(stderr));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        static string? Last(List<string> lines)
        {
            lock (lines)
            {
                return lines.Count == 0 ? null : lines[^1];
            }
        }
    }

    private static async Task<HttpStatusCode> PostUntilListeningAsync(HttpClient client, string path, byte[] body)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(path, content);
                return response.StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(50);
            }
        }
    }
}
