using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp.Deploy;

/// <summary>
/// One Cloud Run function: Cloud Run functions serve one target each (<c>FUNCTION_TARGET</c>), so
/// every portable function is its own service; an event function also gets an Eventarc trigger.
/// </summary>
internal sealed class GcpFunction
{
    public GcpFunction(FunctionDescriptor function, DeploymentSettings settings)
    {
        Function = function;
        Service = DeployText.Kebab(function.Name);
        ResourceName = DeployText.Snake(function.Name);
        if (function.Kind != FunctionKind.Event)
        {
            return;
        }

        var key = $"Gcp:Events:{function.Name}:";

        // Eventarc delivers Google's own event types directly; any other type (an app's own CloudEvents)
        // travels through a Pub/Sub topic, and the function then receives messagePublished events.
        var type = settings.GetString(key + "Type", function.EventType is { } own && own.StartsWith("google.", StringComparison.Ordinal) ? own : GcpDeploySettings.PubSubType);
        TriggerType = type;
        Topic = type == GcpDeploySettings.PubSubType ? settings.GetString(key + "Topic", Service) : null;
    }

    public FunctionDescriptor Function { get; }

    /// <summary>Cloud Run service name.</summary>
    public string Service { get; }

    /// <summary>Terraform resource name.</summary>
    public string ResourceName { get; }

    /// <summary>The Eventarc <c>type</c> filter; <see langword="null"/> for HTTP functions.</summary>
    public string? TriggerType { get; }

    /// <summary>The Pub/Sub topic carrying the events, for the Pub/Sub route.</summary>
    public string? Topic { get; }

    public bool IsEvent => TriggerType is not null;
}
