namespace MultiCloudShop;

/// <summary>A Pub/Sub message as Eventarc delivers it (the fields the shop reads).</summary>
/// <param name="Data">The payload, base64.</param>
/// <param name="MessageId">Pub/Sub's id of the message (also the CloudEvent's id).</param>
public sealed record PubSubMessage(string Data, string? MessageId = null);
