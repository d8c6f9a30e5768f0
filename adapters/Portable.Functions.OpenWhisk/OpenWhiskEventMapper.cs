using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenWhisk;

/// <summary>
/// Non-web activations to events: a <c>value</c> that is a structured CloudEvent (has <c>specversion</c>) is
/// that event; other parameters (a trigger's, or a direct invoke's) become a CloudEvent for an event
/// function named as the action's target. The answer is the reply event, or <c>{}</c>.
/// </summary>
internal static class OpenWhiskEventMapper
{
    /// <summary>The <c>type</c> given to parameters when the target is the fallback event function.</summary>
    public const string ActivationType = "org.apache.openwhisk.activation";

    /// <summary>True when the parameters are a structured CloudEvent.</summary>
    public static bool IsCloudEvent(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("specversion", out _);

    /// <summary>Reads the structured CloudEvent in the parameters.</summary>
    /// <exception cref="FunctionProblemException">400 when it is not a valid CloudEvent.</exception>
    public static CloudEvent FromCloudEvent(JsonElement value) => CloudEventJson.FromElement(value);

    /// <summary>
    /// Wraps parameters that are not a CloudEvent for an event function: <c>id</c> the activation id (a new
    /// one per activation; OpenWhisk does not redeliver), <c>source</c> the qualified action name,
    /// <c>type</c> the function's registered type, <c>data</c> the parameters as JSON.
    /// </summary>
    public static CloudEvent FromParameters(JsonElement value, FunctionDescriptor target, string activationId, string? actionName) =>
        new(activationId, actionName is { Length: > 0 } name ? name : "/openwhisk/action", target.EventType ?? ActivationType)
        {
            DataContentType = "application/json",
            Time = DateTimeOffset.UtcNow,
            Data = JsonSerializer.SerializeToUtf8Bytes(value, OpenWhiskJsonContext.Default.JsonElement),
        };
}
