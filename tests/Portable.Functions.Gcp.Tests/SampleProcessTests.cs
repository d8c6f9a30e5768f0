using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Gcp.Tests;

/// <summary>
/// The HelloHttp sample as a real process, started the way Cloud Run functions and the conformance
/// client start it: <c>FUNCTION_TARGET</c>/<c>FUNCTION_SIGNATURE_TYPE</c> in the environment, flags on
/// the command line.
/// </summary>
public sealed class SampleProcessTests
{
    private static readonly string s_sample = Path.Combine(AppContext.BaseDirectory, "HelloHttp.dll");

    [Fact]
    public async Task Sample_WithFunctionTarget_ServesThatFunctionOnEveryPath()
    {
        var port = Loopback.FreePort();
        using var process = Start(new() { ["FUNCTION_TARGET"] = "orders", ["FUNCTION_SIGNATURE_TYPE"] = "http", ["PORT"] = "1" }, "--target", "hello", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var greeting = await WaitForAsync(client, process, "/any/path?name=Ada");

            Assert.Equal("Hello, Ada!", greeting);
            using var robots = await client.GetAsync("/robots.txt");
            Assert.Equal(HttpStatusCode.NotFound, robots.StatusCode);
            using var post = await client.PostAsync("/", null);
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Sample_WithUnknownTarget_ExitsWithAClearError()
    {
        using var process = Start(new() { ["FUNCTION_TARGET"] = "nope", ["PORT"] = Loopback.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var stderr = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        var error = await stderr;
        Assert.Contains("Function target 'nope'", error, StringComparison.Ordinal);
        Assert.Contains("hello (http)", error, StringComparison.Ordinal);
    }

    private static Process Start(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(s_sample);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "FUNCTION_TARGET", "FUNCTION_SIGNATURE_TYPE", "PORT", "K_SERVICE", "DOTNET_RUNNING_IN_CONTAINER", "AWS_LAMBDA_RUNTIME_API", "FUNCTIONS_CUSTOMHANDLER_PORT" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Polls until the server answers (bounded: 30 s), failing early if the process exits.</summary>
    private static async Task<string> WaitForAsync(HttpClient client, Process process, string path)
    {
        using var response = await Loopback.SendWhenUpAsync(client, () => new HttpRequestMessage(HttpMethod.Get, path), process, diagnostics: () => process.StandardError.ReadToEnd());
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

}
