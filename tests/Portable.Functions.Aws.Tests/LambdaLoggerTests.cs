using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Tests;

/// <summary>Lambda's log formats, written from inside a real invocation so the ids come from the context.</summary>
public sealed partial class LambdaLoggerTests
{
    [Fact]
    public async Task JsonFormat_OneObjectPerLine_WithTheManagedRuntimeFieldNames()
    {
        var lines = await LogFromInvocationAsync(json: true);

        var line = Assert.Single(lines, l => l.Contains("Order", StringComparison.Ordinal));
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Warning", entry.GetProperty("level").GetString());
        Assert.Equal("req-42", entry.GetProperty("requestId").GetString());
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", entry.GetProperty("traceId").GetString());
        Assert.Equal("Order o-1 failed", entry.GetProperty("message").GetString());
        Assert.Equal("o-1", entry.GetProperty("OrderId").GetString());
        Assert.Equal("System.InvalidOperationException", entry.GetProperty("errorType").GetString());
        Assert.Equal("boom", entry.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.Array, entry.GetProperty("stackTrace").ValueKind);
        Assert.True(DateTimeOffset.TryParse(entry.GetProperty("timestamp").GetString(), out _));
    }

    [Fact]
    public async Task TextFormat_CarriesTheRequestId()
    {
        var lines = await LogFromInvocationAsync(json: false);

        var line = Assert.Single(lines, l => l.Contains("Order o-1 failed", StringComparison.Ordinal));
        Assert.Equal("req-42", line.Split('\t')[1]);
        Assert.Equal("Warning", line.Split('\t')[2]);
    }

    [Theory]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("fatal", LogLevel.Critical)]
    [InlineData("nonsense", null)]
    public void LogLevelVariable_MapsToLevels(string text, LogLevel? expected) =>
        Assert.Equal(expected, LambdaLoggerProvider.ParseLevel(text));

    private static async Task<string[]> LogFromInvocationAsync(bool json)
    {
        var output = new StringWriter();
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new LambdaLoggerProvider(json, output));
        await using var app = builder.Build();
        app.MapGet("/log", (request, context) =>
        {
            LogFailed(context.Logger, "o-1", new InvalidOperationException("boom"));
            return Task.FromResult(FunctionResponse.Text("ok"));
        });
        var invocation = new LambdaInvocation
        {
            RequestId = "req-42",
            TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            Event = ReadOnlyMemory<byte>.Empty,
        };

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/log"), new InvocationOptions { InvocationId = invocation.RequestId, NativeRequest = invocation });

        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    [LoggerMessage(1, LogLevel.Warning, "Order {OrderId} failed")]
    private static partial void LogFailed(ILogger logger, string orderId, Exception exception);
}
