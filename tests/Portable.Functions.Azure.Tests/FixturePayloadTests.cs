using System.Text;
using System.Text.Json;
using Portable.Functions.Tests.Shared;

namespace Portable.Functions.Azure.Tests;

/// <summary>
/// Every request payload in <c>../shared/fixtures/azure/payloads</c>, POSTed to the real server as the
/// host would, and the answer read with the host's parsing rules (<see cref="HostHttpResult"/>).
/// </summary>
public sealed class FixturePayloadTests
{
    private const string Folder = "azure/payloads";

    // The docs' order sample carries no sys.MethodName; its function is "order" (docs section "Function with bindings").
    private static readonly Dictionary<string, string> s_functionByFile = new(StringComparer.Ordinal)
    {
        ["order-http-trigger.request.json"] = "order",
    };

    private static readonly HashSet<string> s_httpFunctions = ["GetItem", "orders", "order", "upload"];

    public static TheoryData<string> RequestPayloads()
    {
        var data = new TheoryData<string>();
        var root = SharedFixtures.FixturesRoot is { } fixtures ? Path.Combine(fixtures, Folder) : null;
        if (root is null || !Directory.Exists(root))
        {
            data.Add("(absent)");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*.request.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(RequestPayloads))]
    public async Task EveryRequestPayload_IsAnsweredAsTheHostParsesIt(string relative)
    {
        var root = SharedFixtures.RequireFolder(Folder);
        var bytes = SharedFixtures.ReadWithoutBom(Path.Combine(root, relative));
        var function = FunctionFor(relative, bytes);
        await using var handler = await TestHandler.StartAsync();

        var (status, body) = await handler.InvokeAsync(function, Encoding.UTF8.GetString(bytes));

        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        Assert.False(body.GetProperty("Outputs").TryGetProperty("$return", out _), "$return belongs in ReturnValue, never in Outputs");
        if (s_httpFunctions.Contains(function))
        {
            var http = HostHttpResult.Read(body);
            Assert.InRange(http.StatusCode, 200, 299);
            Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        }
        else
        {
            Assert.Single(handler.Received);
        }
    }

    [SkippableFact]
    public async Task HttpGet_MapsUrlQueryHeadersAndRouteValues()
    {
        var (status, body) = await InvokeFixtureAsync("derived/http-get.request.json", "GetItem");
        var http = HostHttpResult.Read(body);
        Assert.Equal(200, status);
        Assert.Equal(200, http.StatusCode);
        Assert.Equal("id=42;name=Ada;tag=a,b;accept=application/json;ip=203.0.113.7;ctx=inv-GetItem", http.Body);
        Assert.Equal("text/plain; charset=utf-8", http.Headers["Content-Type"]);
        Assert.Equal("a, b", http.Headers["X-Multi"]);
    }

    [SkippableTheory]
    [InlineData("derived/http-post-json.request.json", "orders")]
    [InlineData("azure-docs/order-http-trigger.request.json", "order")]
    public async Task HttpPostJson_ReachesTypedFunction(string file, string function)
    {
        var (_, body) = await InvokeFixtureAsync(file, function);
        var http = HostHttpResult.Read(body);
        Assert.Equal(200, http.StatusCode);
        Assert.StartsWith("application/json", http.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("""{"id":1005,"quantity":2,"color":"checked-black"}""", http.Body);
    }

    [SkippableFact]
    public async Task HttpPostOctetStream_DecodesBase64Body()
    {
        var (_, body) = await InvokeFixtureAsync("derived/http-post-octet-stream.request.json", "upload");
        var http = HostHttpResult.Read(body);
        Assert.Equal(201, http.StatusCode);
        Assert.Equal("application/octet-stream:DEADBEEF", http.Body);
    }

    [SkippableTheory]
    [InlineData("derived/queue-trigger.request.json", "hello from the queue", "text/plain; charset=utf-8", "6c1f6a52-3d9b-4e3a-9a0e-1b2c3d4e5f60", 1)]
    [InlineData("derived/queue-trigger-json-message.request.json", """{"orderId":17,"sku":"A-1"}""", "application/json", "0e9d8c7b-6a59-4847-a3b2-c1d0e9f8a7b6", 2)]
    [InlineData("azure-docs/queue-trigger.request.json", "{ message: \"Message sent\" }", "text/plain; charset=utf-8", "800ae4b3-bdd2-4c08-badd-f08e5a34b865", 1)]
    public async Task QueueMessage_BecomesCloudEvent_AndReplyGoesToReturnValue(string file, string data, string contentType, string id, int attempt)
    {
        await using var handler = await TestHandler.StartAsync();
        var (status, body) = await InvokeFixtureAsync(file, "QueueTrigger", handler);

        Assert.Equal(200, status);
        var (cloudEvent, context) = Assert.Single(handler.Received);
        Assert.Equal(AzureEventTypes.QueueMessage, cloudEvent.Type);
        Assert.Equal("/queues/messages-incoming", cloudEvent.Source);
        Assert.Equal(id, cloudEvent.Id);
        Assert.Equal(data, Encoding.UTF8.GetString(cloudEvent.Data.Span));
        Assert.Equal(contentType, cloudEvent.DataContentType);
        Assert.NotNull(cloudEvent.Time);
        Assert.Equal(attempt, context.DeliveryAttempt);
        Assert.Equal("azure", context.Platform.Name);
        Assert.Equal("inv-QueueTrigger", context.InvocationId);

        // The $return queue output gets the reply as a structured CloudEvent object (not a string: the
        // host would try to base64-decode a string ReturnValue).
        var reply = body.GetProperty("ReturnValue");
        Assert.Equal(JsonValueKind.Object, reply.ValueKind);
        Assert.Equal(id + "-done", reply.GetProperty("id").GetString());
        Assert.Equal("1.0", reply.GetProperty("specversion").GetString());
    }

    [SkippableFact]
    public async Task TimerTick_CarriesTimerInfoAsJson()
    {
        await using var handler = await TestHandler.StartAsync();
        var (status, body) = await InvokeFixtureAsync("derived/timer-trigger.request.json", "TimerTrigger", handler);

        Assert.Equal(200, status);
        var (cloudEvent, _) = Assert.Single(handler.Received);
        Assert.Equal(AzureEventTypes.TimerTick, cloudEvent.Type);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        using var timer = JsonDocument.Parse(cloudEvent.Data);
        Assert.False(timer.RootElement.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 5, 0, TimeSpan.Zero).AddTicks(45678), cloudEvent.Time);

        // No output binding: the reply is dropped and the host log says so.
        Assert.Contains(body.GetProperty("Logs").EnumerateArray(), l => l.GetString()!.Contains("no Azure output binding", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task BinaryBlob_DecodesBase64_AndNamesTheBlob()
    {
        await using var handler = await TestHandler.StartAsync();
        var (status, _) = await InvokeFixtureAsync("derived/blob-trigger-binary.request.json", "BlobTrigger", handler);

        Assert.Equal(200, status);
        var (cloudEvent, _) = Assert.Single(handler.Received);
        Assert.Equal("Hello, blob!", Encoding.UTF8.GetString(cloudEvent.Data.Span));
        Assert.Equal("application/octet-stream", cloudEvent.DataContentType);
        Assert.Equal("greeting.txt", cloudEvent.Subject);
        Assert.Equal("https://contosostore.blob.core.windows.net/inbox/greeting.txt", cloudEvent.Source);
    }

    [SkippableTheory]
    [InlineData("derived/http-output-res.response.json", 201, "{\"id\":42}")]
    [InlineData("azure-docs/order-http-trigger.response.json", 200, "Order enqueued")]
    [InlineData("azure-docs/generic.response.json", 200, "Message enqueued")]
    public void HostRulesReader_AgreesWithFixtureResponses(string file, int status, string body)
    {
        var root = SharedFixtures.RequireFolder(Folder);
        using var document = JsonDocument.Parse(SharedFixtures.ReadWithoutBom(Path.Combine(root, file)));
        var http = HostHttpResult.Read(document.RootElement);
        Assert.Equal(status, http.StatusCode);
        Assert.Equal(body, http.Body);
    }

    private static async Task<(int Status, JsonElement Body)> InvokeFixtureAsync(string file, string function, TestHandler? handler = null)
    {
        var root = SharedFixtures.RequireFolder(Folder);
        var payload = Encoding.UTF8.GetString(SharedFixtures.ReadWithoutBom(Path.Combine(root, file)));
        if (handler is not null)
        {
            return await handler.InvokeAsync(function, payload);
        }

        await using var own = await TestHandler.StartAsync();
        return await own.InvokeAsync(function, payload);
    }

    private static string FunctionFor(string relative, byte[] payload)
    {
        if (s_functionByFile.TryGetValue(Path.GetFileName(relative), out var name))
        {
            return name;
        }

        using var document = JsonDocument.Parse(payload);
        return document.RootElement.GetProperty("Metadata").GetProperty("sys").GetProperty("MethodName").GetString()!;
    }
}
