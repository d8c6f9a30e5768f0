namespace Portable.Functions.Gcp;

/// <summary>
/// One row of the legacy GCF event type ↔ CloudEvent type table (Functions Framework
/// <c>docs/mapping.md</c>, pinned by the conformance fixtures).
/// </summary>
/// <param name="LegacyType">The legacy <c>eventType</c>.</param>
/// <param name="CloudEventType">The CloudEvent <c>type</c>.</param>
/// <param name="Service">The service host used in the CloudEvent <c>source</c> when the event names none.</param>
internal sealed record GcpEventTypeMapping(string LegacyType, string CloudEventType, string Service)
{
    public const string PubSubService = "pubsub.googleapis.com";
    public const string StorageService = "storage.googleapis.com";
    public const string FirestoreService = "firestore.googleapis.com";
    public const string AuthService = "firebaseauth.googleapis.com";
    public const string DatabaseService = "firebasedatabase.googleapis.com";
    public const string AnalyticsService = "firebaseanalytics.googleapis.com";
    public const string RemoteConfigService = "firebaseremoteconfig.googleapis.com";

    public const string PubSubPublishType = "google.pubsub.topic.publish";
    public const string PubSubMessageType = "type.googleapis.com/google.pubsub.v1.PubsubMessage";

    /// <summary>Message members that live in the legacy context rather than in its data.</summary>
    public static IReadOnlySet<string> PubSubMessageIdentity { get; } = new HashSet<string>(StringComparer.Ordinal) { "messageId", "publishTime" };

    // The first row for a CloudEvent type is the legacy type a CloudEvent converts back to.
    private static readonly GcpEventTypeMapping[] s_rows =
    [
        new(PubSubPublishType, "google.cloud.pubsub.topic.v1.messagePublished", PubSubService),
        new("providers/cloud.pubsub/eventTypes/topic.publish", "google.cloud.pubsub.topic.v1.messagePublished", PubSubService),
        new("google.storage.object.finalize", "google.cloud.storage.object.v1.finalized", StorageService),
        new("google.storage.object.delete", "google.cloud.storage.object.v1.deleted", StorageService),
        new("google.storage.object.archive", "google.cloud.storage.object.v1.archived", StorageService),
        new("google.storage.object.metadataUpdate", "google.cloud.storage.object.v1.metadataUpdated", StorageService),

        // Legacy Storage change notification; the CloudEvent type is the .NET framework's (not in google-cloudevents).
        new("providers/cloud.storage/eventTypes/object.change", "google.cloud.storage.object.v1.changed", StorageService),
        new("providers/cloud.firestore/eventTypes/document.write", "google.cloud.firestore.document.v1.written", FirestoreService),
        new("providers/cloud.firestore/eventTypes/document.create", "google.cloud.firestore.document.v1.created", FirestoreService),
        new("providers/cloud.firestore/eventTypes/document.update", "google.cloud.firestore.document.v1.updated", FirestoreService),
        new("providers/cloud.firestore/eventTypes/document.delete", "google.cloud.firestore.document.v1.deleted", FirestoreService),
        new("providers/firebase.auth/eventTypes/user.create", "google.firebase.auth.user.v1.created", AuthService),
        new("providers/firebase.auth/eventTypes/user.delete", "google.firebase.auth.user.v1.deleted", AuthService),
        new("providers/google.firebase.database/eventTypes/ref.create", "google.firebase.database.ref.v1.created", DatabaseService),
        new("providers/google.firebase.database/eventTypes/ref.write", "google.firebase.database.ref.v1.written", DatabaseService),
        new("providers/google.firebase.database/eventTypes/ref.update", "google.firebase.database.ref.v1.updated", DatabaseService),
        new("providers/google.firebase.database/eventTypes/ref.delete", "google.firebase.database.ref.v1.deleted", DatabaseService),
        new("providers/google.firebase.analytics/eventTypes/event.log", "google.firebase.analytics.log.v1.written", AnalyticsService),

        // mapping.md and the .NET framework disagree on the Remote Config legacy name; both are accepted.
        new("google.firebase.remoteconfig.update", "google.firebase.remoteconfig.remoteConfig.v1.updated", RemoteConfigService),
        new("providers/firebase.remoteConfig/remoteconfig.update", "google.firebase.remoteconfig.remoteConfig.v1.updated", RemoteConfigService),
    ];

    private static readonly Dictionary<string, GcpEventTypeMapping> s_byLegacyType = s_rows.ToDictionary(r => r.LegacyType, StringComparer.Ordinal);

    private static readonly Dictionary<string, GcpEventTypeMapping> s_byCloudEventType = s_rows
        .GroupBy(r => r.CloudEventType, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    // Used only when an event's resource names no service (mapping.md's prefix table plus Node's bare prefixes).
    private static readonly (string Prefix, string Service)[] s_servicePrefixes =
    [
        ("providers/cloud.firestore/", FirestoreService),
        ("providers/google.firebase.analytics/", AnalyticsService),
        ("providers/firebase.auth/", AuthService),
        ("providers/google.firebase.database/", DatabaseService),
        ("providers/cloud.pubsub/", PubSubService),
        ("providers/cloud.storage/", StorageService),
        ("providers/firebase.remoteConfig/", RemoteConfigService),
        ("google.pubsub", PubSubService),
        ("google.storage", StorageService),
        ("google.firebase.remoteconfig", RemoteConfigService),
    ];

    public static GcpEventTypeMapping? FromLegacyType(string legacyType) => s_byLegacyType.GetValueOrDefault(legacyType);

    public static GcpEventTypeMapping? FromCloudEventType(string cloudEventType) => s_byCloudEventType.GetValueOrDefault(cloudEventType);

    public static string ServiceFromLegacyType(string legacyType, string fallback)
    {
        foreach (var (prefix, service) in s_servicePrefixes)
        {
            if (legacyType.StartsWith(prefix, StringComparison.Ordinal))
            {
                return service;
            }
        }

        return fallback;
    }
}
