using Portable.Functions.Azure;

namespace Portable.Functions.Deploy.Tests;

/// <summary>
/// The second app the deployment files are generated for: other routes (parameters, several methods,
/// any method), a typed function, and event functions for every AWS source, a Google event type and
/// an explicit Azure queue trigger.
/// </summary>
internal static class InventoryApp
{
    public const string Restocked = "com.example.inventory.restocked";
    public const string PriceChanged = "com.example.inventory.price-changed";
    public const string ObjectFinalized = "google.cloud.storage.object.v1.finalized";

    /// <summary>The switches that make every platform's non-default choice.</summary>
    public static readonly string[] Settings =
    [
        "--Deploy:AppName=Inventory.Api",
        "--Deploy:Aws:Runtime=dotnet10",
        "--Deploy:Aws:Routes=per-route",
        "--Deploy:Aws:Architecture=arm64",
        "--Deploy:Aws:MemorySize=1024",
        "--Deploy:Aws:Timeout=60",
        "--Deploy:Aws:Events:price-changed:Source=eventbridge",
        "--Deploy:Knative:H2c=true",
        "--Deploy:Knative:Broker=inventory",
        "--Deploy:Knative:Namespace=shop",
        "--Deploy:Knative:ContainerConcurrency=50",
        "--Deploy:Knative:Autoscaling:MinScale=1",
        "--Deploy:Knative:Autoscaling:MaxScale=20",
        "--Deploy:Knative:Resources:Requests:cpu=250m",
        "--Deploy:Knative:Resources:Limits:memory=256Mi",
        "--Deploy:Azure:AuthLevel=anonymous",
        "--Deploy:Gcp:AllowUnauthenticated=true",
        "--Deploy:Gcp:Region=us-central1",
    ];

    public static FunctionApp Build(FunctionAppBuilder builder)
    {
        var app = builder.Build();
        app.MapGet("/items/{id}", (r, c) => Task.FromResult(FunctionResponse.Text("item"))).WithName("get-item");
        app.MapHttp("/items/{id}", (r, c) => Task.FromResult(FunctionResponse.Text("changed")), "PUT", "DELETE").WithName("change-item");
        app.MapHttp("/admin/status", (r, c) => Task.FromResult(FunctionResponse.Text("ok"))).WithName("status");
        app.MapPost<Item, Item>("/items", (item, c) => Task.FromResult(item)).WithName("create-item");
        app.MapCloudEvent(Restocked, (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("restocked")
            .AzureQueueTrigger("restocked");
        app.MapCloudEvent(PriceChanged, (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("price-changed");
        app.MapCloudEvent("com.amazonaws.sns.Notification", (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("notified");
        app.MapCloudEvent("com.amazonaws.kinesis.record", (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("clicks");
        app.MapCloudEvent("com.amazonaws.dynamodb.INSERT", (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("item-inserted");
        app.MapCloudEvent("com.amazonaws.dynamodb.MODIFY", (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("item-modified");
        app.MapCloudEvent(ObjectFinalized, (e, c) => Task.FromResult<CloudEvent?>(null)).WithName("image-uploaded");
        return app;
    }
}

/// <summary>The typed function's input and output.</summary>
public sealed record Item(string Id, int Count);
