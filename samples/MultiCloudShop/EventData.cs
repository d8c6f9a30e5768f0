using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Portable.Functions;

namespace MultiCloudShop;

/// <summary>
/// Reads an event's JSON data, wherever the platform put it. On AWS (SQS), Azure (Event Grid) and Knative
/// the shop's CloudEvents arrive as they were published. Eventarc delivers only Google's own event types
/// directly: the shop's events travel through a Pub/Sub topic per function, and the function receives a
/// <c>google.cloud.pubsub.topic.v1.messagePublished</c> event whose <c>message.data</c> (base64) holds the
/// shop event's data. The function's Pub/Sub topic carries only its type, so the data is all it needs.
/// </summary>
internal static class EventData
{
    /// <summary>The CloudEvent type of an Eventarc Pub/Sub delivery.</summary>
    public const string PubSubMessagePublished = "google.cloud.pubsub.topic.v1.messagePublished";

    /// <summary>Deserializes the data, unwrapping a Pub/Sub envelope first.</summary>
    /// <returns>The data.</returns>
    /// <exception cref="FunctionProblemException">400 when the data (or the envelope) is not the expected JSON: like data the pipeline cannot deserialize, the event is not acknowledged by default.</exception>
    public static T Read<T>(CloudEvent cloudEvent, JsonTypeInfo<T> typeInfo)
    {
        var data = cloudEvent.Data;
        if (string.Equals(cloudEvent.Type, PubSubMessagePublished, StringComparison.Ordinal))
        {
            var push = Deserialize(data, ShopJsonContext.Default.PubSubPush);
            try
            {
                data = Convert.FromBase64String(push.Message.Data);
            }
            catch (FormatException exception)
            {
                throw FunctionProblemException.BadRequest("The Pub/Sub message's data is not base64.", exception);
            }
        }

        return Deserialize(data, typeInfo);
    }

    private static T Deserialize<T>(ReadOnlyMemory<byte> data, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(data.Span, typeInfo)
                ?? throw FunctionProblemException.BadRequest($"The event's data is null, not {typeof(T).Name}.");
        }
        catch (JsonException exception)
        {
            throw FunctionProblemException.BadRequest($"The event's data is not valid JSON for {typeof(T).Name}{(exception.Path is null ? "" : " at " + exception.Path)}.", exception);
        }
    }
}
