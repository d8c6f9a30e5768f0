using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Gcp.Tests;

public sealed class CloudLoggingTests
{
    [Fact]
    public async Task StructuredLogging_WritesOneJsonObjectPerLine_WithTraceAndExecutionId()
    {
        var output = new StringWriter();
        await using (var server = await StartAsync(output, "my-project"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/10;o=1");
            request.Headers.Add("Function-Execution-Id", "exec-9");
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var entry = Assert.Single(entries, e => e.GetProperty("message").GetString() == "handling 42");
        Assert.Equal("WARNING", entry.GetProperty("severity").GetString());
        Assert.Equal("projects/my-project/traces/105445aa7843bc8bf206b12000100000", entry.GetProperty("logging.googleapis.com/trace").GetString());
        Assert.Equal("000000000000000a", entry.GetProperty("logging.googleapis.com/spanId").GetString());
        Assert.True(entry.GetProperty("logging.googleapis.com/trace_sampled").GetBoolean());
        Assert.Equal("exec-9", entry.GetProperty("logging.googleapis.com/labels").GetProperty("execution_id").GetString());
        Assert.All(entries, e => Assert.True(e.TryGetProperty("severity", out _)));
    }

    [Fact]
    public async Task HandlerLine_DuringHttpInvocation_LabelsTheFunctionAndExecutionId()
    {
        var output = new StringWriter();
        await using (var server = await StartAsync(output, "my-project"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Function-Execution-Id", "exec-10");
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var labels = Entries(output).Single(e => e.GetProperty("message").GetString() == "handling 42").GetProperty("logging.googleapis.com/labels");
        Assert.Equal("exec-10", labels.GetProperty("execution_id").GetString());
        Assert.Equal("log", labels.GetProperty("function").GetString());
        Assert.False(labels.TryGetProperty("event_id", out _));
    }

    [Fact]
    public async Task HandlerLine_DuringEventInvocation_LabelsTheCloudEventId()
    {
        var output = new StringWriter();
        await using (var server = await StartEventAsync(output))
        {
            using var request = BinaryEvent("evt-3");
            request.Headers.Add("Function-Execution-Id", "exec-11");
            using var response = await server.Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        }

        var labels = Entries(output).Single(e => e.GetProperty("message").GetString() == "event arrived").GetProperty("logging.googleapis.com/labels");
        Assert.Equal("exec-11", labels.GetProperty("execution_id").GetString());
        Assert.Equal("ev", labels.GetProperty("function").GetString());
        Assert.Equal("evt-3", labels.GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task RejectedLine_BeforeRouting_LabelsADashAndTheExecutionId()
    {
        var output = new StringWriter();
        await using (var server = await StartEventAsync(output))
        {
            using var request = BinaryEvent(id: null);
            request.Headers.Add("Function-Execution-Id", "exec-12");
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var entry = Entries(output).Single(e => e.GetProperty("message").GetString()!.StartsWith("Rejected: 400", StringComparison.Ordinal));
        var labels = entry.GetProperty("logging.googleapis.com/labels");
        Assert.Equal("exec-12", labels.GetProperty("execution_id").GetString());
        Assert.Equal("-", labels.GetProperty("function").GetString());
    }

    [Fact]
    public async Task HostLines_PrintTheBoundAddress_ThenTheDrainAndTheStop()
    {
        var output = new StringWriter();
        int port;
        await using (var server = await StartAsync(output, "my-project"))
        {
            port = server.Client.BaseAddress!.Port;
            await server.Server.StopAsync();
        }

        var messages = Entries(output).Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Contains($"Listening on http://127.0.0.1:{port} (gcp).", messages);
        Assert.Contains("Shutting down: no new connections; draining in-flight requests for up to 30 s.", messages);
        Assert.Matches("^Stopped [0-9]+ ms after shutdown began\\.$", messages[^1]);
    }

    [Fact]
    public async Task StructuredLogging_WithoutProjectId_WritesTheBareTraceId()
    {
        var output = new StringWriter();
        await using (var server = await StartAsync(output, projectId: null))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
            using var response = await server.Client.SendAsync(request);
        }

        var entry = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)
            .Single(e => e.GetProperty("message").GetString() == "handling 42");
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", entry.GetProperty("logging.googleapis.com/trace").GetString());
        Assert.Equal("b7ad6b7169203331", entry.GetProperty("logging.googleapis.com/spanId").GetString());
        Assert.False(entry.GetProperty("logging.googleapis.com/trace_sampled").GetBoolean());
    }

    [Fact]
    public void ErrorWithException_PutsTheStackTraceInTheMessage()
    {
        var provider = new CloudLoggingProvider("p");
        Exception exception;
        try
        {
            throw new InvalidOperationException("bad");
        }
        catch (InvalidOperationException caught)
        {
            exception = caught;
        }

        using var entry = JsonDocument.Parse(provider.Format(LogLevel.Critical, "cat", "failed", exception, fields: default));

        Assert.Equal("CRITICAL", entry.RootElement.GetProperty("severity").GetString());
        Assert.Contains("InvalidOperationException: bad", entry.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(entry.RootElement.TryGetProperty("logging.googleapis.com/trace", out _));
    }

    [Theory]
    [InlineData("svc", "fn", true)]
    [InlineData("svc", "", false)]
    [InlineData("", "fn", false)]
    public void UseGcp_ChoosesJsonLoggingOnlyOnCloudRunFunctions(string kService, string target, bool expectJson)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new("K_SERVICE", kService), new("FUNCTION_TARGET", target)]);

        builder.UseGcp();

        var providers = builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider)).Select(d => d.ImplementationInstance?.GetType()).ToList();
        Assert.Equal(expectJson, providers.Contains(typeof(CloudLoggingProvider)));
        Assert.Equal(!expectJson, providers.Any(p => p?.Name == "ConsoleLoggerProvider"));
    }

    private static List<JsonElement> Entries(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();

    private static HttpRequestMessage BinaryEvent(string? id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-source", "//test");
        request.Headers.Add("ce-type", "com.example.tested");
        if (id is not null)
        {
            request.Headers.Add("ce-id", id);
        }

        return request;
    }

    private static Task<GcpTestServer> StartEventAsync(TextWriter output) => GcpTestServer.StartAsync(
        "ev",
        app => app.MapCloudEvent("com.example.tested", (cloudEvent, context) =>
        {
            context.Logger.LogInformation("event arrived");
            return Task.FromResult<CloudEvent?>(null);
        }).WithName("ev"),
        setup: builder => builder.UseGcp(options =>
        {
            options.StructuredLogging = true;
            options.LogWriter = output;
        }));

    private static Task<GcpTestServer> StartAsync(TextWriter output, string? projectId) => GcpTestServer.StartAsync(
        "log",
        app => app.MapHttp("/", (request, context) =>
        {
            context.Logger.LogWarning("handling {Value}", 42);
            return Task.FromResult(new FunctionResponse(200));
        }).WithName("log"),
        setup: builder => builder.UseGcp(options =>
        {
            options.StructuredLogging = true;
            options.ProjectId = projectId;
            options.LogWriter = output;
        }));
}
