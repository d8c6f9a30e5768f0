using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>The console format (local, Knative, Azure custom handler) names the invocation on every line written during it.</summary>
public sealed partial class InvocationLogLineTests
{
    [Fact]
    public async Task HandlerLine_DuringHttpInvocation_CarriesTheFunctionNameOnceAndTheInvocationId()
    {
        var output = new StringWriter();
        await using var app = Create(output, a => a.MapGet("/hello", (request, context) =>
        {
            context.Logger.LogInformation("handled");
            a.LoggerFactory.CreateLogger("My.Library").LogWarning("from a library");
            return Task.FromResult(FunctionResponse.Text("hi"));
        }).WithName("hello"));

        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/hello"), new InvocationOptions { InvocationId = "inv-1" });

        var lines = Lines(output);
        var handled = Assert.Single(lines, l => l.EndsWith(": handled", StringComparison.Ordinal));
        Assert.Contains(" info Function [hello inv-1]: handled", handled, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(handled, "hello"));
        Assert.Contains(" warn My.Library [hello inv-1]: from a library", Assert.Single(lines, l => l.Contains("from a library", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureLine_WrittenAfterThePipeline_CarriesTheGeneratedIdOfTheProblemBody()
    {
        var output = new StringWriter();
        await using var app = Create(output, a => a.MapGet("/fail", (request, context) =>
            throw FunctionProblemException.BadRequest("no")).WithName("fail"));

        var response = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/fail"));

        var id = JsonDocument.Parse(TestApp.BodyText(response)).RootElement.GetProperty("invocationId").GetString();
        Assert.Matches("^[0-9a-f]{32}$", id);
        var line = Assert.Single(Lines(output));
        Assert.Contains($" info Function [fail {id}]: Rejected: 400 no", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerLine_DuringEventInvocation_CarriesTheCloudEventId()
    {
        var output = new StringWriter();
        await using var app = Create(output, a => a.MapEvent<Order>("order.placed", (cloudEvent, context) =>
        {
            context.Logger.LogInformation("placed {Id}", cloudEvent.Data.Id);
            return Task.CompletedTask;
        }).WithName("order-placed"));
        var placed = new CloudEvent("evt-7", "/shop", "order.placed") { DataContentType = "application/json", Data = """{"id":"o-1","quantity":1}"""u8.ToArray() };

        await app.Freeze().InvokeEventAsync(placed, new InvocationOptions { InvocationId = "inv-2" });

        Assert.Contains(" info Function [order-placed inv-2 event=evt-7]: placed o-1", Assert.Single(Lines(output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnroutedRequest_404Line_CarriesADashAndTheIdOfTheProblemBody_NeverNull()
    {
        var output = new StringWriter();
        await using var app = Create(output, a => a.MapGet("/hello", (request, context) => Task.FromResult(FunctionResponse.Text("hi"))));

        var generated = await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/nope"));
        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/nope"), new InvocationOptions { InvocationId = "req-9" });

        var id = JsonDocument.Parse(TestApp.BodyText(generated)).RootElement.GetProperty("invocationId").GetString();
        var lines = Lines(output);
        Assert.Equal(2, lines.Length);
        Assert.Contains($" info Portable.Functions [- {id}]: Rejected: 404 ", lines[0], StringComparison.Ordinal);
        Assert.Contains(" info Portable.Functions [- req-9]: Rejected: 404 ", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("(null)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownEventType_UndeliverableLine_CarriesADashTheIdAndTheCloudEventId()
    {
        var output = new StringWriter();
        await using var app = Create(output, a => a.MapEvent<Order>("order.placed", (cloudEvent, context) => Task.CompletedTask));

        await app.Freeze().InvokeEventAsync(new CloudEvent("evt-8", "/shop", "other"), new InvocationOptions { InvocationId = "inv-3" });

        Assert.Contains(" warn Portable.Functions [- inv-3 event=evt-8]: Could not take event evt-8 (type other): 404 ", Assert.Single(Lines(output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LineOutsideAnInvocation_HasNoInvocationFields()
    {
        var output = new StringWriter();
        await using var app = Create(output, a => a.MapGet("/hello", (request, context) => Task.FromResult(FunctionResponse.Text("hi"))));
        await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/hello"));

        app.Logger.LogInformation("between invocations");

        Assert.EndsWith(" info Portable.Functions: between invocations", Assert.Single(Lines(output)), StringComparison.Ordinal);
    }

    private static FunctionApp Create(StringWriter output, Action<FunctionApp> map) =>
        TestApp.Create(map, builder => builder.Logging.AddProvider(new ConsoleLoggerProvider(output, output)));

    private static string[] Lines(StringWriter output) =>
        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
