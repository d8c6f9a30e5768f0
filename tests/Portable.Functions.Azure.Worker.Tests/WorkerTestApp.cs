using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Azure.Worker.Tests;

/// <summary>A portable app with one function per trigger kind, recording what each received.</summary>
internal sealed class WorkerTestApp : IAsyncDisposable
{
    public WorkerTestApp()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(WorkerTestJsonContext.Default);
        App = builder.Build();

        App.MapHttp("/echo/{id}", async (request, context) =>
        {
            Contexts.Enqueue(context);
            Requests.Enqueue(request);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.CancellationToken);
            var bytes = body.ToArray();
            Array.Reverse(bytes);
            var response = FunctionResponse.Bytes(bytes, "application/octet-stream", 201);
            response.Headers.Add("X-Out", "a");
            response.Headers.Add("X-Out", "b");
            response.Cookies.Add("session=abc; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=60");
            response.Cookies.Add("theme=dark; Domain=example.com; Expires=Wed, 21 Oct 2026 07:28:00 GMT");
            return response;
        }, "POST", "HEAD").WithName("echo");

        App.MapGet("/wait", async (request, context) =>
        {
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return FunctionResponse.Text("not cancelled");
            }
            catch (OperationCanceledException)
            {
                return FunctionResponse.Text("cancelled");
            }
        }).WithName("wait");

        App.MapCloudEvent(AzureEventTypes.QueueMessage, Record).WithName("queue").AzureQueueTrigger("orders").AzureQueueOutput("replies");
        App.MapCloudEvent(AzureEventTypes.Blob, Record).WithName("blob").AzureBlobTrigger("inbox/{name}");
        App.MapCloudEvent(AzureEventTypes.TimerTick, Record).WithName("timer").AzureTimerTrigger("0 */5 * * * *");
        App.MapCloudEvent(AzureEventTypes.EventHubEvent, Record).WithName("hub").AzureEventHubTrigger("telemetry");
        Executor = new PortableFunctionExecutor(App, new AzureWorkerOptions());
    }

    public FunctionApp App { get; }

    public PortableFunctionExecutor Executor { get; }

    public ConcurrentQueue<FunctionContext> Contexts { get; } = new();

    public ConcurrentQueue<FunctionRequest> Requests { get; } = new();

    public ConcurrentQueue<CloudEvent> Events { get; } = new();

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private Task<CloudEvent?> Record(CloudEvent cloudEvent, FunctionContext context)
    {
        Events.Enqueue(cloudEvent);
        Contexts.Enqueue(context);
        var text = Encoding.UTF8.GetString(cloudEvent.Data.Span);
        if (text == "drop-me")
        {
            throw new DropEventException("poison");
        }

        if (text == "fail-me")
        {
            throw new InvalidOperationException("transient");
        }

        return Task.FromResult<CloudEvent?>(new CloudEvent(cloudEvent.Id + "-done", "/tests", "test.done"));
    }
}
