using System.Net;
using System.Net.Sockets;
using HybridGateway.Gateway;
using Portable.Functions;
using Portable.Functions.Hosting;
using Portable.Functions.Testing;

namespace HybridGateway.Tests;

/// <summary>The gateway in FunctionTestHost, the backend on a real loopback port: both sides as deployed.</summary>
public sealed class GatewayTests
{
    private static FunctionTestHost Gateway(Uri backend, string? timeoutSeconds = null) =>
        FunctionTestHost.Create(GatewayApp.Build, o =>
        {
            o.Configuration["Backend:BaseUrl"] = backend.ToString();
            o.Configuration["Backend:TimeoutSeconds"] = timeoutSeconds;
        });

    [Fact]
    public async Task ValidReservation_IsForwarded_AndTheBackendsAnswerPassesThrough()
    {
        await using var backend = await BackendServer.StartAsync();
        await using var gateway = Gateway(backend.Address);

        var response = await gateway.PostAsync("/reservations", "{\"sku\":\"MUG-01\",\"quantity\":2}");

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"remaining\":38", response.ReadAsString(), StringComparison.Ordinal);
        Assert.Equal("/reservations", Assert.Single(backend.Requests).Path);
    }

    [Fact]
    public async Task BackendNotFound_PassesThrough_WithItsProblem()
    {
        await using var backend = await BackendServer.StartAsync();
        await using var gateway = Gateway(backend.Address);

        var response = await gateway.GetAsync("/stock/SOCK-99");

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("No product has that SKU.", response.ReadAsProblem().GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BackendConflict_PassesThrough_WithItsProblem()
    {
        await using var backend = await BackendServer.StartAsync();
        await using var gateway = Gateway(backend.Address);

        var response = await gateway.PostAsync("/reservations", "{\"sku\":\"CAP-07\",\"quantity\":5}");

        Assert.Equal(409, response.StatusCode);
        Assert.Equal("Only 3 left.", response.ReadAsProblem().GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{\"sku\":\"MUG-01\",\"quantity\":2}", "text/plain", 415)]
    [InlineData("{\"sku\":\"MUG-01\",\"quantity\":", "application/json", 400)]
    [InlineData("{\"quantity\":2}", "application/json", 400)]
    [InlineData("null", "application/json", 400)]
    [InlineData("{\"sku\":\"mug 01\",\"quantity\":2}", "application/json", 422)]
    [InlineData("{\"sku\":\"MUG-01\",\"quantity\":11}", "application/json", 422)]
    public async Task InvalidRequest_IsAnsweredByTheGateway_AndNeverReachesTheBackend(string body, string contentType, int status)
    {
        await using var backend = await BackendServer.StartAsync();
        await using var gateway = Gateway(backend.Address);

        var response = await gateway.PostAsync("/reservations", body, contentType);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(status, response.ReadAsProblem().GetProperty("status").GetInt32());
        Assert.Empty(backend.Requests);
    }

    [Fact]
    public async Task OversizedBody_Returns413_AndNeverReachesTheBackend()
    {
        await using var backend = await BackendServer.StartAsync();
        await using var gateway = Gateway(backend.Address);

        var response = await gateway.PostAsync("/reservations", "{\"sku\":\"" + new string('A', 20_000) + "\",\"quantity\":1}");

        Assert.Equal(413, response.StatusCode);
        Assert.Empty(backend.Requests);
    }

    [Fact]
    public async Task Backend5xx_Returns502_WithoutTheBackendsText()
    {
        await using var backend = await BackendServer.StartAsync(new BrokenInventory());
        await using var gateway = Gateway(backend.Address);

        var response = await gateway.GetAsync("/stock/MUG-01");

        Assert.Equal(502, response.StatusCode);
        Assert.Equal("The backend failed to answer the request.", response.ReadAsProblem().GetProperty("detail").GetString());
        AssertLeaksNothing(response, backend.Address);
        Assert.Contains(gateway.Logs, l => l.Exception?.InnerException is HttpRequestException { StatusCode: HttpStatusCode.InternalServerError });
    }

    [Fact]
    public async Task BackendRefusingConnections_Returns502_WithoutTheExceptionsText()
    {
        var closed = ClosedPort();
        await using var gateway = Gateway(closed);

        var response = await gateway.GetAsync("/stock/MUG-01");

        Assert.Equal(502, response.StatusCode);
        Assert.Equal("The backend could not be reached.", response.ReadAsProblem().GetProperty("detail").GetString());
        AssertLeaksNothing(response, closed);
        Assert.Contains(gateway.Logs, l => l.Exception?.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError });
    }

    [Fact]
    public async Task Deadline_CancelsTheBackendCall_Returns504_AndTheBackendSeesTheAbort()
    {
        await using var backend = await BackendServer.StartAsync(new HangingInventory());
        await using var gateway = Gateway(backend.Address);

        // The invocation's token fires 500 ms (the grace) before this deadline; the call must stop with it.
        var response = await gateway.PostAsync("/reservations", "{\"sku\":\"MUG-01\",\"quantity\":1}", options: new InvocationOptions { Deadline = DateTimeOffset.UtcNow.AddSeconds(1.5) });

        Assert.Equal(504, response.StatusCode);
        var seen = Assert.Single(backend.Requests);
        await seen.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task BackendTimeoutSetting_Returns504_BeforeTheDeadline()
    {
        await using var backend = await BackendServer.StartAsync(new HangingInventory());
        await using var gateway = Gateway(backend.Address, timeoutSeconds: "1");

        var response = await gateway.GetAsync("/stock/MUG-01", new InvocationOptions { Deadline = DateTimeOffset.UtcNow.AddMinutes(5) });

        Assert.Equal(504, response.StatusCode);
        Assert.Equal("The backend did not answer in time.", response.ReadAsProblem().GetProperty("detail").GetString());
        await Assert.Single(backend.Requests).Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task InvalidSkuInThePath_Returns400_AndNeverReachesTheBackend()
    {
        await using var backend = await BackendServer.StartAsync();
        await using var gateway = Gateway(backend.Address);

        Assert.Equal(400, (await gateway.GetAsync("/stock/..%2Fadmin")).StatusCode);
        Assert.Empty(backend.Requests);
    }

    [Theory]
    [InlineData("backend.internal", "Backend:BaseUrl must be an absolute http or https URL, not 'backend.internal'.")]
    [InlineData("ftp://backend.internal/", "Backend:BaseUrl must be an absolute http or https URL, not 'ftp://backend.internal/'.")]
    public void InvalidBackendUrl_FailsTheBuild(string url, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionTestHost.Create(GatewayApp.Build, o => o.Configuration["Backend:BaseUrl"] = url));

        Assert.Equal(message, error.Message);
    }

    private static void AssertLeaksNothing(TestResponse response, Uri backend)
    {
        var text = response.ReadAsString();
        Assert.DoesNotContain(BrokenInventory.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(backend.Authority, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    private static Uri ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}/");
    }
}
