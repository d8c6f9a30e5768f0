using System.Net;
using Microsoft.Extensions.Logging;
using Portable.Functions.Knative.Tests.BadInput;

namespace Portable.Functions.Knative.Tests;

/// <summary>The host's own lines: the address Kestrel bound, the start of the drain and the stop.</summary>
public sealed class HostLogLineTests
{
    [Fact]
    public async Task ListeningLine_PrintsTheAddressKestrelBound()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await TestServer.StartSampleAsync(setup: builder => builder.Logging.AddProvider(logs));

        var port = server.Client.BaseAddress!.Port;
        Assert.NotEqual(0, port);
        Assert.Contains(logs.Entries, e => e.Message == $"Listening on http://127.0.0.1:{port} (local).");
    }

    [Fact]
    public async Task StopViaRunAsyncToken_LogsTheDrainWithTheInFlightCount_ThenTheStop()
    {
        var logs = new CapturingLoggerProvider();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.UseKnative(options =>
        {
            options.Port = 0;
            options.BindAddress = IPAddress.Loopback;
            options.MaxConcurrentRequests = 8;
        });
        await using var app = builder.Build();
        app.MapGet("/slow", async (request, context) =>
        {
            entered.TrySetResult();
            await release.Task;
            return FunctionResponse.Text("done");
        });
        using var stop = new CancellationTokenSource();
        var run = app.RunAsync(stop.Token);
        var listening = await WaitForAsync(logs, m => m.StartsWith("Listening on http://127.0.0.1:", StringComparison.Ordinal));
        var address = listening["Listening on ".Length..listening.IndexOf(' ', "Listening on ".Length)];
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var slow = client.GetAsync(new Uri(address + "/slow"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(logs.Entries, e => e.Message.StartsWith("Shutting down", StringComparison.Ordinal));

        await stop.CancelAsync();
        await WaitForAsync(logs, m => m.StartsWith("Shutting down", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.StartsWith("Stopped", StringComparison.Ordinal));
        release.SetResult();
        using var response = await slow.WaitAsync(TimeSpan.FromSeconds(10));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = logs.Entries.Select(e => e.Message).ToList();
        Assert.Contains("Shutting down: no new connections; draining 1 in-flight request(s) for up to 30 s.", messages);
        Assert.Matches("^Stopped [0-9]+ ms after shutdown began\\.$", messages[^1]);
    }

    private static async Task<string> WaitForAsync(CapturingLoggerProvider logs, Func<string, bool> match)
    {
        for (var i = 0; i < 400; i++)
        {
            if (logs.Entries.FirstOrDefault(e => match(e.Message)).Message is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The expected log line was not written within 10 s.");
    }
}
