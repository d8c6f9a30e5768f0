using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portable.Functions.Tests.Shared;

/// <summary>
/// Helpers for tests that start a real server (usually a sample as its own process) on a loopback port.
/// </summary>
internal static class Loopback
{
    /// <summary>A port free on 127.0.0.1 at the time of the call (the OS picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Sends a fresh request from <paramref name="request"/> until the server answers at all (any status):
    /// a refused connection means "not up yet" and is retried every 50 ms, for at most
    /// <paramref name="timeout"/> (30 s by default). Fails the test early when <paramref name="process"/>
    /// exits, with <paramref name="diagnostics"/> (e.g. the process's output) in the message.
    /// </summary>
    public static async Task<HttpResponseMessage> SendWhenUpAsync(
        HttpClient client,
        Func<HttpRequestMessage> request,
        Process? process = null,
        TimeSpan? timeout = null,
        Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (process is { HasExited: true })
            {
                Assert.Fail($"The process exited with {process.ExitCode} before answering. {diagnostics?.Invoke()}");
            }

            using var message = request();
            try
            {
                return await client.SendAsync(message);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
