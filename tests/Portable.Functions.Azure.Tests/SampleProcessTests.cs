using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Azure.Tests;

/// <summary>
/// The HelloHttp sample as a real process, started the way the Functions host starts a custom
/// handler: <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> in the environment, readiness polled on <c>/</c>,
/// then invocation payloads POSTed to <c>/{function}</c>.
/// </summary>
public sealed class SampleProcessTests
{
    private static readonly string s_sample = Path.Combine(AppContext.BaseDirectory, "HelloHttp.dll");

    [Fact]
    public async Task SampleStartedLikeTheHost_AnswersReadinessThenInvocations()
    {
        var port = Loopback.FreePort();
        using var process = Start([], new() { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilReadyAsync(client, process);

            var payload = """{"Data":{"req":{"Url":"https://app.azurewebsites.net/api/hello?name=Ada","Method":"GET","Query":{"name":"Ada"},"Headers":{"Accept":["text/plain"]}}},"Metadata":{}}""";
            using var hello = await client.PostAsync(new Uri("/hello", UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"));
            using var document = JsonDocument.Parse(await hello.Content.ReadAsStringAsync());
            var http = HostHttpResult.Read(document.RootElement);
            Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
            Assert.Equal(200, http.StatusCode);
            Assert.Equal("Hello, Ada!", http.Body);

            using var broken = await client.PostAsync(new Uri("/orders", UriKind.Relative), new StringContent("{\"Data\":", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.False(process.HasExited);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task SampleStartedLikeTheHost_LogLinesNameTheInvocation_AndTheBoundAddressAndShutdown()
    {
        var port = Loopback.FreePort();
        var output = new ConcurrentQueue<string>();
        using var process = Start([], new() { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, output);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilReadyAsync(client, process);

            var order = """{"Data":{"req":{"Url":"https://app.azurewebsites.net/api/orders","Method":"POST","Headers":{"Content-Type":["application/json"]},"Body":"{\"id\":\"o-1\",\"quantity\":2}"}},"Metadata":{}}""";
            (await PostAsync(client, "/orders", order, "inv-a1")).Dispose();
            // The sample's event function has no Azure trigger, so the custom handler binds it to Event Grid (CloudEvents schema).
            var placed = """{"Data":{"input":{"specversion":"1.0","id":"evt-21","source":"/shop","type":"com.example.order.placed","datacontenttype":"application/json","data":{"orderId":"o-9","quantity":1}}},"Metadata":{}}""";
            (await PostAsync(client, "/order-placed", placed, "inv-a2")).Dispose();
            using var missing = await PostAsync(client, "/nope", order, "inv-a3");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        var lines = output.ToArray();
        Assert.Contains(lines, l => l.EndsWith($" info Portable.Functions: Listening on http://127.0.0.1:{port} (azure).", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" info Function [orders inv-a1]: Order o-1 accepted, quantity 2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" info Function [order-placed inv-a2 event=evt-21]: Order o-9 placed by /shop", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" info Portable.Functions [- inv-a3]: Rejected: 404 No function named 'nope'.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" info Portable.Functions: Shutting down: no new connections;", StringComparison.Ordinal));
        Assert.Matches(" info Portable.Functions: Stopped [0-9]+ ms after shutdown began\\.$", lines.Last(l => l.Length > 0));
        Assert.DoesNotContain(lines, l => l.Contains("(null)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAzureMetadataSwitch_WritesFilesAndExits_WithTheDotnetCommand()
    {
        var directory = Path.Combine(Path.GetTempPath(), "pf-azure-sample-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var process = Start(["--write-azure-metadata", directory], []);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(0, process.ExitCode);
            Assert.Equal(["hello", "order-placed", "orders"], Directory.GetDirectories(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            using var host = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "host.json")));
            var description = host.RootElement.GetProperty("customHandler").GetProperty("description");
            Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
            Assert.Equal("HelloHttp.dll", Assert.Single(description.GetProperty("arguments").EnumerateArray()).GetString());
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string payload, string invocationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", invocationId);
        return await client.SendAsync(request);
    }

    private static Process Start(string[] args, Dictionary<string, string> environment, ConcurrentQueue<string>? output = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(s_sample);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output?.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output?.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // The host's readiness loop: any HTTP answer on / means ready; socket errors mean not yet.
    private static async Task WaitUntilReadyAsync(HttpClient client, Process process)
    {
        using var response = await Loopback.SendWhenUpAsync(client, () => new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative)), process);
    }

}
