using HybridGateway.Gateway;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Testing;

namespace HybridGateway.Tests;

/// <summary>
/// The gateway as Lambda runs it behind API Gateway: HTTP API events through the AWS adapter's real
/// mapping (Portable.Functions.Testing's <c>Native("aws")</c>), forwarding to the backend on a real
/// loopback port, answered in the HTTP API response shape.
/// </summary>
public sealed class NativePayloadTests
{
    private static readonly Dictionary<string, string> s_json = new() { ["content-type"] = "application/json" };

    private static FunctionTestHost Gateway(Uri backend) => FunctionTestHost.Create(
        builder =>
        {
            builder.UseAws();
            return GatewayApp.Build(builder);
        },
        o => o.Configuration["Backend:BaseUrl"] = backend.ToString());

    [Fact]
    public async Task HttpApiReservation_IsForwarded_AndTheBackendsAnswerComesBackInTheHttpApiShape()
    {
        await using var backend = await BackendServer.StartAsync();
        await using var gateway = Gateway(backend.Address);

        var answer = (await gateway.Native("aws").InvokeAsync(AwsEvents.HttpApiRequest("POST", "/reservations", "{\"sku\":\"MUG-01\",\"quantity\":2}", s_json))).AsAws();

        Assert.False(answer.IsError, answer.ToString());
        Assert.Equal(200, answer.StatusCode);
        Assert.Contains("\"remaining\":38", answer.ReadBodyAsString(), StringComparison.Ordinal);
        Assert.Equal("/reservations", Assert.Single(backend.Requests).Path);
    }

    [Fact]
    public async Task HttpApiReservation_BackendUnreachable_Is502_WithoutItsAddress()
    {
        var closed = new Uri($"http://127.0.0.1:{Portable.Functions.Tests.Shared.Loopback.FreePort()}/");
        await using var gateway = Gateway(closed);

        var answer = (await gateway.Native("aws").InvokeAsync(AwsEvents.HttpApiRequest("POST", "/reservations", "{\"sku\":\"MUG-01\",\"quantity\":2}", s_json))).AsAws();

        Assert.Equal(502, answer.StatusCode);
        Assert.DoesNotContain(closed.Authority, answer.ReadBodyAsString(), StringComparison.Ordinal);
    }
}
