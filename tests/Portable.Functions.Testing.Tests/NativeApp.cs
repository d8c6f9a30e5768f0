using System.Collections.Concurrent;
using System.Text;
using Portable.Functions.Aws;
using Portable.Functions.Azure;
using Portable.Functions.Gcp;
using Portable.Functions.Knative;
using Portable.Functions.OpenFaaS;
using Portable.Functions.OpenWhisk;

namespace Portable.Functions.Testing.Tests;

/// <summary>
/// A multi-platform app as a user's Program.cs registers it: every adapter, an HTTP function, a slow one,
/// and event functions for the AWS, Azure, GCP and CloudEvents sources whose data decides the outcome
/// ("fail" → retry, "drop" → drop, anything else → success). Received events are recorded.
/// </summary>
public static class NativeApp
{
    public static FunctionApp Build(FunctionAppBuilder builder, ConcurrentQueue<CloudEvent> received)
    {
        builder.UseAws().UseAzureCustomHandler().UseGcp().UseOpenFaaS().UseOpenWhisk().UseKnative();
        var app = builder.Build();

        app.MapGet("/hello", (request, context) =>
        {
            var name = request.Query.TryGetValue("name", out var values) ? values.ToString() : "world";
            var response = FunctionResponse.Text($"Hello, {name}! ({context.Platform.Name} {context.InvocationId})");
            response.Cookies.Add("seen=1; Path=/");
            return Task.FromResult(response);
        }).WithName("hello");

        app.MapGet("/slow", async (request, context) =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new FunctionResponse(200);
        }).WithName("slow");

        foreach (var (name, type) in new[]
        {
            ("sqs", "com.amazonaws.sqs.message"), ("kinesis", "com.amazonaws.kinesis.record"), ("ddb", "com.amazonaws.dynamodb.INSERT"),
            ("sns", "com.amazonaws.sns.Notification"), ("s3", "com.amazonaws.s3.ObjectCreated:Put"), ("eventbridge", "OrderShipped"),
            ("tick", "com.example.tick"), ("pubsub", "google.cloud.pubsub.topic.v1.messagePublished"),
        })
        {
            app.MapCloudEvent(type, (e, c) => Settle(e, received)).WithName(name);
        }

        app.MapCloudEvent(AzureEventTypes.QueueMessage, (e, c) => Settle(e, received)).WithName("work").AzureQueueTrigger("work");
        app.MapCloudEvent(AzureEventTypes.ServiceBusMessage, (e, c) => Settle(e, received)).WithName("bus").AzureServiceBusQueueTrigger("bus");
        return app;
    }

    private static Task<CloudEvent?> Settle(CloudEvent cloudEvent, ConcurrentQueue<CloudEvent> received)
    {
        received.Enqueue(cloudEvent);
        var text = Encoding.UTF8.GetString(cloudEvent.Data.Span);
        if (cloudEvent.Type == "google.cloud.pubsub.topic.v1.messagePublished")
        {
            // Pub/Sub data: {"message": {"data": base64, ...}, "subscription": ...}.
            using var document = System.Text.Json.JsonDocument.Parse(cloudEvent.Data);
            text = Encoding.UTF8.GetString(document.RootElement.GetProperty("message").GetProperty("data").GetBytesFromBase64());
        }

        return text.Contains("fail", StringComparison.Ordinal) ? throw new InvalidOperationException("asked to fail")
            : text.Contains("drop", StringComparison.Ordinal) ? throw new DropEventException("asked to drop")
            : Task.FromResult<CloudEvent?>(null);
    }
}
