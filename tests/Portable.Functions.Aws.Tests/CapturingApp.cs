using Microsoft.Extensions.Logging;
using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// An app whose catch-all HTTP function and event fallback record what reached them, with the
/// adapter's real dispatcher in front: event JSON in, native result out.
/// </summary>
internal sealed class CapturingApp : IAsyncDisposable
{
    private readonly AwsEventDispatcher _dispatcher;

    /// <param name="onEvent">Runs for every event the fallback receives.</param>
    /// <param name="onePass">False sends every event through the dispatcher's document route.</param>
    public CapturingApp(Func<CloudEvent, Task>? onEvent = null, bool onePass = true)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        App = builder.Build();
        App.MapHttp("/{*rest}", async (request, context) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            Requests.Add(request);
            Bodies.Add(buffer.ToArray());
            return Respond(request);
        });
        App.MapCloudEvent(null, async (cloudEvent, context) =>
        {
            CloudEvents.Add(cloudEvent);
            if (onEvent is not null)
            {
                await onEvent(cloudEvent);
            }

            return null;
        });
        _dispatcher = new AwsEventDispatcher(App, handler: null) { UseOnePassReaders = onePass };
    }

    public FunctionApp App { get; }

    public List<FunctionRequest> Requests { get; } = [];

    public List<byte[]> Bodies { get; } = [];

    public List<CloudEvent> CloudEvents { get; } = [];

    public Func<FunctionRequest, FunctionResponse> Respond { get; set; } = _ => FunctionResponse.Text("ok");

    public Task<AwsResult> DispatchAsync(string json) => DispatchAsync(Encoding.UTF8.GetBytes(json));

    public Task<AwsResult> DispatchAsync(byte[] json)
    {
        var invocation = new AwsInvocation { RequestId = "req-1", Event = json, Deadline = DateTimeOffset.UtcNow.AddSeconds(30) };
        return _dispatcher.DispatchAsync(invocation, new InvocationOptions { InvocationId = invocation.RequestId, Deadline = invocation.Deadline, NativeRequest = invocation });
    }

    /// <summary>Dispatches and returns the posted response as JSON (fails the test on an error result).</summary>
    public async Task<JsonElement> DispatchJsonAsync(string json)
    {
        var result = await DispatchAsync(json);
        Assert.Null(result.Error);
        return JsonDocument.Parse(result.Payload).RootElement.Clone();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
