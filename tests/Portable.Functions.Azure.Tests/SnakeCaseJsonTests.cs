using System.Text.Json;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Azure.Tests;

/// <summary>A context's own JSON options reach the wire through the Azure custom handler, both ways.</summary>
public sealed class SnakeCaseJsonTests
{
    [Fact]
    public async Task HttpTrigger_SnakeCaseContext_BindsTheInput_AndAnswersSnakeCase()
    {
        await using var handler = await TestHandler.StartAsync(Map, setup: b => b.AddJsonContext(SnakeCaseJsonContext.Default));
        var payload = """{"Data":{"req":{"Method":"POST","Url":"http://x/api/quotes","Headers":{"Content-Type":["application/json"]},"Body":"""
            + JsonSerializer.Serialize(SnakeCaseApp.RequestJson) + """}},"Metadata":{}}""";

        var (status, body) = await handler.InvokeAsync("quotes", payload);

        Assert.Equal(200, status);
        var http = HostHttpResult.Read(body);
        Assert.Equal(200, http.StatusCode);
        Assert.Equal(SnakeCaseApp.ResponseJson, http.Body);
    }

    [Fact]
    public async Task QueueTrigger_SnakeCaseMessage_Binds()
    {
        var bound = new List<string>();
        await using var handler = await TestHandler.StartAsync((app, _) => Map(app, bound), setup: b => b.AddJsonContext(SnakeCaseJsonContext.Default));
        var payload = """{"Data":{"input":""" + JsonSerializer.Serialize(SnakeCaseApp.RequestJson) + """},"Metadata":{"DequeueCount":"1"}}""";

        var (status, _) = await handler.InvokeAsync("quote-requests", payload);

        Assert.Equal(200, status);
        Assert.Equal(["MSFT"], bound);
    }

    private static void Map(FunctionApp app, TestHandler handler) => Map(app, []);

    private static void Map(FunctionApp app, List<string> bound)
    {
        SnakeCaseApp.Map(app, bound);
        app.Functions.Single(f => f.EventType == SnakeCaseApp.EventType).WithName("quote-requests").AzureQueueTrigger("quotes-in");
    }
}
