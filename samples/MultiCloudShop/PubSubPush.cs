namespace MultiCloudShop;

/// <summary>The data of an Eventarc <c>messagePublished</c> event: the Pub/Sub message and its subscription.</summary>
/// <param name="Message">The message.</param>
/// <param name="Subscription">The subscription that delivered it, when given.</param>
public sealed record PubSubPush(PubSubMessage Message, string? Subscription = null);
