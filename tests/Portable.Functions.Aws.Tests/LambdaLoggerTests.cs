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
        Assert.Equal("WARN", entry.GetProperty("level").GetString());
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
        Assert.Equal("WARN", line.Split('\t')[2]);
    }

    [Fact]
    public async Task JsonFormat_HandlerLineDuringHttpInvocation_HasTheFunctionField()
    {
        var lines = await LogFromInvocationAsync(json: true);

        var entry = JsonDocument.Parse(Assert.Single(lines, l => l.Contains("Order o-1 failed", StringComparison.Ordinal))).RootElement;
        Assert.Equal("log", entry.GetProperty("function").GetString());
        Assert.Equal("Function.log", entry.GetProperty("category").GetString());
        Assert.False(entry.TryGetProperty("eventId", out _));
    }

    [Fact]
    public async Task TextFormat_HandlerLineDuringHttpInvocation_NamesTheFunctionOnce()
    {
        var lines = await LogFromInvocationAsync(json: false);

        var columns = Assert.Single(lines, l => l.Contains("Order o-1 failed", StringComparison.Ordinal)).Split('\t');
        Assert.Equal("req-42", columns[1]);
        Assert.StartsWith("Function [log]: Order o-1 failed", columns[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HandlerLineDuringEventInvocation_CarriesTheCloudEventId(bool json)
    {
        var (output, app) = Create(json);
        await using var _ = app;
        app.MapCloudEvent("order.placed", (cloudEvent, context) =>
        {
            LogFailed(context.Logger, "o-2", new InvalidOperationException("late"));
            return Task.FromResult<CloudEvent?>(null);
        }).WithName("placed");

        await app.Freeze().InvokeEventAsync(new CloudEvent("evt-5", "/shop", "order.placed"), new InvocationOptions { InvocationId = "req-43" });

        var line = Assert.Single(Lines(output), l => l.Contains("Order o-2 failed", StringComparison.Ordinal));
        if (json)
        {
            var entry = JsonDocument.Parse(line).RootElement;
            Assert.Equal("req-43", entry.GetProperty("requestId").GetString());
            Assert.Equal("placed", entry.GetProperty("function").GetString());
            Assert.Equal("evt-5", entry.GetProperty("eventId").GetString());
        }
        else
        {
            Assert.Equal("req-43", line.Split('\t')[1]);
            Assert.StartsWith("Function [placed event=evt-5]: Order o-2 failed", line.Split('\t')[3], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Rejected404Line_CarriesADashAndTheRequestId(bool json)
    {
        var (output, app) = Create(json);
        await using var _ = app;
        app.MapGet("/log", (request, context) => Task.FromResult(FunctionResponse.Text("ok")));

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/nope"), new InvocationOptions { InvocationId = "req-44" });

        Assert.Equal(404, response.StatusCode);
        var line = Assert.Single(Lines(output), l => l.Contains("Rejected: 404", StringComparison.Ordinal));
        if (json)
        {
            var entry = JsonDocument.Parse(line).RootElement;
            Assert.Equal("req-44", entry.GetProperty("requestId").GetString());
            Assert.Equal("-", entry.GetProperty("function").GetString());
        }
        else
        {
            Assert.Equal("req-44", line.Split('\t')[1]);
            Assert.StartsWith("Portable.Functions [-]: Rejected: 404", line.Split('\t')[3], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("fatal", LogLevel.Critical)]
    [InlineData("nonsense", null)]
    public void LogLevelVariable_MapsToLevels(string text, LogLevel? expected) =>
        Assert.Equal(expected, AwsLoggerProvider.ParseLevel(text));

    private static (StringWriter Output, FunctionApp App) Create(bool json)
    {
        var output = new StringWriter();
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new AwsLoggerProvider(json, output));
        return (output, builder.Build());
    }

    private static string[] Lines(StringWriter output) => output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    private static async Task<string[]> LogFromInvocationAsync(bool json)
    {
        var (output, app) = Create(json);
        await using var _ = app;
        app.MapGet("/log", (request, context) =>
        {
            LogFailed(context.Logger, "o-1", new InvalidOperationException("boom"));
            return Task.FromResult(FunctionResponse.Text("ok"));
        }).WithName("log");
        var invocation = new AwsInvocation
        {
            RequestId = "req-42",
            TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            Event = ReadOnlyMemory<byte>.Empty,
        };

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/log"), new InvocationOptions { InvocationId = invocation.RequestId, NativeRequest = invocation });

        return Lines(output);
    }

    [LoggerMessage(1, LogLevel.Warning, "Order {OrderId} failed")]
    private static partial void LogFailed(ILogger logger, string orderId, Exception exception);

    [Theory]
    [InlineData(LogLevel.Trace, "TRACE")]
    [InlineData(LogLevel.Debug, "DEBUG")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Warning, "WARN")]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Critical, "FATAL")]
    public void LevelNames_AreTheOnesLambdaLogLevelFilteringUses_AndRoundTrip(LogLevel level, string name)
    {
        Assert.Equal(name, AwsLoggerProvider.LevelName(level));
        Assert.Equal(level, AwsLoggerProvider.ParseLevel(name));
    }
}
