using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp.Deploy;

/// <summary>The <c>Deploy:Gcp:*</c> settings, read and checked once per write.</summary>
internal sealed class GcpDeploySettings
{
    /// <summary>Eventarc's Pub/Sub event type: the route for CloudEvent types Google does not emit itself.</summary>
    public const string PubSubType = "google.cloud.pubsub.topic.v1.messagePublished";

    public GcpDeploySettings(FunctionApp app, DeploymentSettings settings)
    {
        AppName = settings.AppName;
        Region = settings.GetString("Gcp:Region", "europe-west1");
        Runtime = settings.GetString("Gcp:Runtime", "dotnet10");
        Source = settings.GetString("Gcp:Source", ".");
        Image = settings.GetString("Image", $"{Region}-docker.pkg.dev/PROJECT/portable/{DeployText.Kebab(AppName)}:latest");
        Memory = settings.GetInt32("Gcp:MemoryMb", 512, 128, 32768);
        TimeoutSeconds = settings.GetInt32("Gcp:TimeoutSeconds", 300, 1, 3600);
        Concurrency = settings.GetInt32("Gcp:Concurrency", 80, 1, 1000);
        AllowUnauthenticated = settings.GetBoolean("Gcp:AllowUnauthenticated", false);
        Functions = app.Functions.Select(f => new GcpFunction(f, settings)).ToList();
    }

    public string AppName { get; }

    public string Region { get; }

    public string Runtime { get; }

    public string Source { get; }

    public string Image { get; }

    public int Memory { get; }

    public int TimeoutSeconds { get; }

    public int Concurrency { get; }

    public bool AllowUnauthenticated { get; }

    public IReadOnlyList<GcpFunction> Functions { get; }
}
