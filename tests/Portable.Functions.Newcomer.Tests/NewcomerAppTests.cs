using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portable.Functions.Newcomer.Tests;

/// <summary>
/// The newcomer app as a real process on a loopback port, called with a real HttpClient: what a user
/// who wrote it from the README sees.
/// </summary>
public sealed class NewcomerAppTests : IAsyncLifetime
{
    private readonly int _port = FreePort();
    private Process? _process;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Portable.Functions.Newcomer.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Quotes__Currency"] = "EUR";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var ping = await _client.GetAsync("/ping");
                if (ping.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("The newcomer app did not start.");
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill();
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TypedQuote_UsesTheContextsSnakeCase_TheInjectedService_AndTheConfiguredCurrency()
    {
        using var response = await _client!.PostAsync("/quotes", new StringContent("""{"stock_symbol":"MSFT","lots":4}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"stock_symbol":"MSFT","lots":4,"total":10.0,"currency":"EUR"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TradeEvent_WithScopedServiceParameter_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("""{"stock_symbol":"MSFT","lots":4}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "t-1");
        request.Headers.Add("ce-source", "/exchange");
        request.Headers.Add("ce-type", "com.example.trade.executed");

        using var response = await _client!.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task EventOfAnUnknownType_IsNotAcknowledged()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "t-2");
        request.Headers.Add("ce-source", "/exchange");
        request.Headers.Add("ce-type", "com.example.trade.unknown");

        using var response = await _client!.SendAsync(request);

        Assert.False(response.IsSuccessStatusCode, response.StatusCode.ToString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
