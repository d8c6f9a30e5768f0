using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure.Tests;

/// <summary>
/// A function app served by the real custom-handler server on an ephemeral loopback port, called with
/// a real <see cref="HttpClient"/> the way the Functions host calls it (<c>POST /{function}</c>, JSON
/// payload, <c>X-Azure-Functions-InvocationId</c>). Event functions record what they received.
/// </summary>
internal sealed class TestHandler : IAsyncDisposable
{
    private TestHandler(FunctionApp app)
    {
        App = app;
    }

    public FunctionApp App { get; }

    public Portable.Functions.AspNetCore.FunctionWebServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ConcurrentQueue<(CloudEvent Event, FunctionContext Context)> Received { get; } = new();

    public static async Task<TestHandler> StartAsync(Action<FunctionApp, TestHandler>? map = null, Action<AzureCustomHandlerOptions>? configure = null, Action<FunctionAppBuilder>? setup = null)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(TestJsonContext.Default);
        setup?.Invoke(builder);
        var app = builder.Build();
        var options = new AzureCustomHandlerOptions { Port = 0 };
        configure?.Invoke(options);
        var handler = new TestHandler(app);
        (map ?? MapFixtureFunctions)(app, handler);
        handler.Server = await AzureCustomHandlerServer.StartAsync(app, options);
        handler.Client = new HttpClient { BaseAddress = handler.Server.Addresses[0], Timeout = TimeSpan.FromSeconds(30) };
        return handler;
    }

    /// <summary>Functions named and triggered like the ones the shared fixtures were taken from.</summary>
    public static void MapFixtureFunctions(FunctionApp app, TestHandler recorder)
    {
        app.MapGet("/items/{id}", (request, context) =>
        {
            var text = $"id={request.RouteValues["id"]};name={request.Query["name"]};tag={request.Query["tag"]};accept={request.Headers.GetFirst("Accept")};ip={request.RemoteIpAddress};ctx={context.InvocationId}";
            var response = FunctionResponse.Text(text);
            response.Headers.Add("X-Multi", "a");
            response.Headers.Add("X-Multi", "b");
            return Task.FromResult(response);
        }).WithName("GetItem");

        app.MapPost<TestOrder, TestOrder>("/orders", (order, context) => Task.FromResult(order with { Color = "checked-" + order.Color })).WithName("orders");
        app.MapPost<TestOrder, TestOrder>("/order", (order, context) => Task.FromResult(order with { Color = "checked-" + order.Color })).WithName("order");

        app.MapPost("/upload", async (request, context) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.CancellationToken);
            return FunctionResponse.Text($"{request.ContentType}:{Convert.ToHexString(buffer.ToArray())}", 201);
        }).WithName("upload");

        app.MapCloudEvent(AzureEventTypes.QueueMessage, (cloudEvent, context) => recorder.Record(cloudEvent, context))
            .WithName("QueueTrigger").AzureQueueTrigger("messages-incoming").AzureQueueOutput("messages-outgoing");
        app.MapCloudEvent(AzureEventTypes.TimerTick, (cloudEvent, context) => recorder.Record(cloudEvent, context))
            .WithName("TimerTrigger").AzureTimerTrigger("0 */5 * * * *");
        app.MapCloudEvent(AzureEventTypes.Blob, (cloudEvent, context) => recorder.Record(cloudEvent, context))
            .WithName("BlobTrigger").AzureBlobTrigger("inbox/{name}");
    }

    /// <summary>Posts a payload as the host does.</summary>
    public async Task<(int Status, JsonElement Body)> InvokeAsync(string function, string payload, string contentType = "application/json")
    {
        using var content = new StringContent(payload, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType + "; charset=utf-8");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + function) { Content = content };
        request.Headers.Add("X-Azure-Functions-InvocationId", "inv-" + function);
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1037.0");
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public Task<CloudEvent?> Record(CloudEvent cloudEvent, FunctionContext context)
    {
        Received.Enqueue((cloudEvent, context));
        var text = Encoding.UTF8.GetString(cloudEvent.Data.Span);
        if (text.Contains("drop-me", StringComparison.Ordinal))
        {
            throw new DropEventException("poison message");
        }

        if (text.Contains("fail-me", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("transient failure");
        }

        return Task.FromResult<CloudEvent?>(new CloudEvent(cloudEvent.Id + "-done", "/tests", "test.done") { Subject = cloudEvent.Subject });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await App.DisposeAsync();
    }
}
