using System.Net;
using System.Net.Sockets;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Knative.Tests;

/// <summary>
/// Start-up failures end a real process cleanly: one Critical line naming the problem, exit code 1, no
/// stack trace outside Development. Before, they crashed with an unhandled exception (exit code 134).
/// </summary>
public sealed class StartupFailureProcessTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("99999")]
    [InlineData("-1")]
    public async Task BadPort_ExitsWithCode1_AndOneLineNamingThePort(string port)
    {
        var (code, output) = await RunToExitAsync(("PORT", port));

        Assert.Equal(1, code);
        AssertOneFailureLine(output, $"PORT='{port}'");
    }

    [Fact]
    public async Task PortInUse_ExitsWithCode1_AndOneLineNamingTheAddress()
    {
        using var occupied = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        occupied.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        occupied.Listen();
        var port = ((IPEndPoint)occupied.LocalEndPoint!).Port;

        var (code, output) = await RunToExitAsync(("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(1, code);
        AssertOneFailureLine(output, "address already in use");
    }

    [Fact]
    public async Task NoHostRegistered_ExitsWithCode1_AndNamesTheFix()
    {
        var (code, output) = await RunToExitAsync(("TESTAPP_MISTAKE", "no-host"));

        Assert.Equal(1, code);
        AssertOneFailureLine(output, "builder.UseKnative()");
    }

    [Fact]
    public async Task MissingJsonMetadata_InProduction_ExitsWithCode1_BeforeListening()
    {
        var (code, output) = await RunToExitAsync(("TESTAPP_MISTAKE", "json-metadata"), ("PORT", "0"));

        Assert.Equal(1, code);
        AssertOneFailureLine(output, "[JsonSerializable(typeof(Uri))]");
        Assert.DoesNotContain(output, l => l.Contains("Listening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartupFailure_InDevelopment_AlsoPrintsTheStackTrace()
    {
        var (code, output) = await RunToExitAsync(("PORT", "abc"), ("DOTNET_ENVIRONMENT", "Development"));

        Assert.Equal(1, code);
        Assert.Contains(output, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    private static Task<(int Code, IReadOnlyList<string> Output)> RunToExitAsync(params (string Name, string Value)[] environment) =>
        AppProcess.RunToExitAsync("Portable.Functions.Knative.TestApp.dll", [("PORT", "0"), .. environment]);

    private static void AssertOneFailureLine(IReadOnlyList<string> output, string expected) => AppProcess.AssertOneFailureLine(output, expected);
}
