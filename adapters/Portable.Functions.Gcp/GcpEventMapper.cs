using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp;

/// <summary>
/// Converts legacy GCF ("background") event bodies into CloudEvents, following the Functions Framework
/// mapping (<c>docs/mapping.md</c>) exactly as the conformance fixtures pin it down, including raw
/// Pub/Sub push bodies (real push and the emulator, which sends no <c>publishTime</c>: the event then has
/// no <c>time</c>, as in Google's .NET framework). Like that framework, Storage events carry a
/// <c>bucket</c> extension and Pub/Sub events a <c>topic</c> extension. Each converted event remembers
/// the legacy form it came from, so a legacy function receives the request unchanged.
/// </summary>
internal static partial class GcpEventMapper
{
    private const string UnknownTopic = "projects/unknown-project!/topics/unknown-topic!";

    private static readonly ConditionalWeakTable<CloudEvent, byte[]> s_origins = [];
    private static readonly HashSet<string> s_dataOnly = ["data", "context"];
    private static readonly Dictionary<string, string> s_authMetadataToCloudEvent = new(StringComparer.Ordinal)
    {
        ["createdAt"] = "createTime",
        ["lastSignedInAt"] = "lastSignInTime",
    };

    /// <summary>Reads and converts the body of a request that is not a CloudEvent.</summary>
    /// <exception cref="FunctionProblemException">400 when the body is not a legacy event this converter understands.</exception>
    public static async ValueTask<CloudEvent> ConvertAsync(FunctionRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        if (!MediaType.Essence(request.ContentType).Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw FunctionProblemException.BadRequest(
                "The request is neither a CloudEvent (no ce-specversion header, not application/cloudevents+json) nor a legacy GCF event (Content-Type: application/json).");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Convert(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request.Path, logger);
    }

    /// <summary>Converts a legacy event body.</summary>
    /// <exception cref="FunctionProblemException">400 for a malformed or unknown legacy event.</exception>
    public static CloudEvent Convert(ReadOnlyMemory<byte> body, string path, ILogger logger)
    {
        using var document = GcpJson.Parse(body, "legacy event");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw FunctionProblemException.BadRequest("A legacy GCF event must be a JSON object.");
        }

        (CloudEvent Event, byte[] Legacy) converted;
        try
        {
            converted = IsRawPubSubPush(root) ? ConvertRawPubSub(root, path, logger) : ConvertLegacy(root);
        }
        catch (InvalidOperationException exception)
        {
            // JsonDocument validates structure, not the UTF-8 inside strings: reading such a string throws.
            throw FunctionProblemException.BadRequest("The legacy event contains a string that is not valid UTF-8.", exception);
        }

        s_origins.AddOrUpdate(converted.Event, converted.Legacy);
        return converted.Event;
    }

    /// <summary>The <c>{"data", "context"}</c> form of the legacy request an event was converted from, if any.</summary>
    public static bool TryGetOrigin(CloudEvent cloudEvent, out byte[] legacy) => s_origins.TryGetValue(cloudEvent, out legacy!);

    private static (CloudEvent Event, byte[] Legacy) ConvertLegacy(JsonElement root)
    {
        JsonElement? context = root.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object ? c : null;

        // mapping.md: every field is read from "context" first, then from the top level.
        var id = GcpJson.String(context, "eventId") ?? GcpJson.String(root, "eventId");
        var type = GcpJson.String(context, "eventType") ?? GcpJson.String(root, "eventType");
        var timestamp = GcpJson.String(context, "timestamp") ?? GcpJson.String(root, "timestamp");
        var resource = GcpJson.Property(context, "resource") ?? GcpJson.Property(root, "resource");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type))
        {
            throw FunctionProblemException.BadRequest("The legacy event has no eventId or eventType.");
        }

        if (GcpJson.Property(root, "data") is not { } data)
        {
            throw FunctionProblemException.BadRequest("The legacy event has no data.");
        }

        var mapping = GcpEventTypeMapping.FromLegacyType(type)
            ?? throw FunctionProblemException.BadRequest($"Legacy event type '{UntrustedText.Shorten(type)}' has no CloudEvent mapping.");
        var (name, service) = resource switch
        {
            { ValueKind: JsonValueKind.String } text => (text.GetString(), null),
            { ValueKind: JsonValueKind.Object } obj => (GcpJson.String(obj, "name"), GcpJson.String(obj, "service")),
            _ => (null, null),
        };
        if (string.IsNullOrEmpty(name))
        {
            throw FunctionProblemException.BadRequest("The legacy event has no resource name.");
        }

        service ??= GcpEventTypeMapping.ServiceFromLegacyType(type, mapping.Service);
        DateTimeOffset? time = null;
        if (timestamp is not null)
        {
            time = GcpTimestamp.TryParse(timestamp, out var parsed)
                ? parsed
                : throw FunctionProblemException.BadRequest($"The legacy event timestamp '{UntrustedText.Shorten(timestamp)}' is not RFC 3339.");
        }

        var (sourcePath, subject) = SplitResource(mapping.Service, name, root, data);
        var cloudEvent = new CloudEvent(id, "//" + service + "/" + sourcePath, mapping.CloudEventType)
        {
            DataContentType = "application/json",
            Subject = subject,
            Time = time,
            Data = ConvertData(mapping.Service, data, id, time),
        };
        SetExtensions(cloudEvent, mapping.Service, name);

        // The legacy form: "context wins", other top-level members (params, auth, domain, ...) join it.
        var legacy = GcpJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            data.WriteTo(writer);
            writer.WriteStartObject("context");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (context is { } ctx)
            {
                foreach (var property in ctx.EnumerateObject())
                {
                    seen.Add(property.Name);
                    property.WriteTo(writer);
                }
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!s_dataOnly.Contains(property.Name) && seen.Add(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return (cloudEvent, legacy);
    }

    /// <summary>The extensions Google's .NET framework sets (Eventarc has them too): <c>bucket</c> for Storage, <c>topic</c> for Pub/Sub.</summary>
    private static void SetExtensions(CloudEvent cloudEvent, string kind, string name)
    {
        if (kind == GcpEventTypeMapping.StorageService && StorageResource().Match(name) is { Success: true } storage)
        {
            cloudEvent.SetExtension("bucket", storage.Groups[1].Value["projects/_/buckets/".Length..]);
        }
        else if (kind == GcpEventTypeMapping.PubSubService && TopicResource().Match(name) is { Success: true } topic)
        {
            cloudEvent.SetExtension("topic", topic.Groups[1].Value);
        }
    }

    private static (string SourcePath, string? Subject) SplitResource(string kind, string name, JsonElement root, JsonElement data)
    {
        switch (kind)
        {
            case GcpEventTypeMapping.StorageService:
                // Object names may contain '/'; a trailing "#<generation>" is not part of the subject.
                return StorageResource().Match(name) is { Success: true } storage
                    ? (storage.Groups[1].Value, storage.Groups[2].Value)
                    : (name, null);
            case GcpEventTypeMapping.FirestoreService:
                // projects/<p>/databases/<d>/documents/...: the subject starts at "documents".
                var parts = name.Split('/', 5);
                return parts.Length == 5 && parts[4].StartsWith("documents", StringComparison.Ordinal) ? (string.Join('/', parts[..4]), parts[4]) : (name, null);
            case GcpEventTypeMapping.DatabaseService:
                return SplitDatabase(name, GcpJson.String(root, "domain"));
            case GcpEventTypeMapping.AuthService:
                return (name, GcpJson.String(data, "uid") is { Length: > 0 } uid ? "users/" + uid : null);
            case GcpEventTypeMapping.AnalyticsService:
                var analytics = AnalyticsResource().Match(name);
                var appId = GcpJson.String(GcpJson.Property(GcpJson.Property(data, "userDim"), "appInfo"), "appId");
                return analytics.Success && !string.IsNullOrEmpty(appId)
                    ? ($"projects/{analytics.Groups[1].Value}/apps/{appId}", "events/" + analytics.Groups[2].Value)
                    : throw FunctionProblemException.BadRequest("A Firebase Analytics event needs a projects/<p>/events/<name> resource and data.userDim.appInfo.appId.");
            default:
                return (name, null);
        }
    }

    private static (string SourcePath, string? Subject) SplitDatabase(string name, string? domain)
    {
        if (string.IsNullOrEmpty(domain))
        {
            throw FunctionProblemException.BadRequest("A Firebase Realtime Database event needs the top-level 'domain' to find its location.");
        }

        var match = DatabaseResource().Match(name);
        if (!match.Success)
        {
            throw FunctionProblemException.BadRequest($"Firebase Realtime Database resource '{UntrustedText.Shorten(name)}' is not projects/_/instances/<instance>/refs/<path>.");
        }

        // firebaseio.com is the us-central1 default; other domains start with their location label.
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        var location = domain == "firebaseio.com" ? "us-central1" : dot > 0 ? domain[..dot] : domain;
        return ($"projects/_/locations/{location}/instances/{match.Groups[1].Value}", match.Groups[2].Value);
    }

    private static byte[] ConvertData(string kind, JsonElement data, string id, DateTimeOffset? time)
    {
        switch (kind)
        {
            case GcpEventTypeMapping.PubSubService when data.ValueKind == JsonValueKind.Object:
                // Cloud Run's shape: the message wrapped in "message", with its id and publish time.
                return GcpJson.Write(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartObject("message");
                    GcpJson.CopyProperties(writer, data, GcpEventTypeMapping.PubSubMessageIdentity);
                    writer.WriteString("messageId", id);
                    if (time is { } published)
                    {
                        writer.WriteString("publishTime", GcpTimestamp.FormatUtc(published));
                    }

                    writer.WriteEndObject();
                    writer.WriteEndObject();
                });
            case GcpEventTypeMapping.PubSubService:
                throw FunctionProblemException.BadRequest("A Pub/Sub legacy event's data must be a JSON object (the message).");
            case GcpEventTypeMapping.AuthService when data.ValueKind == JsonValueKind.Object:
                return GcpJson.Write(writer =>
                {
                    writer.WriteStartObject();
                    GcpJson.CopyProperties(writer, data, GcpJson.NoProperties, "metadata", s_authMetadataToCloudEvent);
                    writer.WriteEndObject();
                });
            default:
                return GcpJson.Write(writer => data.WriteTo(writer));
        }
    }

    private static bool IsRawPubSubPush(JsonElement root) =>
        !root.TryGetProperty("context", out _) && !root.TryGetProperty("eventType", out _)
        && GcpJson.Property(root, "message") is { ValueKind: JsonValueKind.Object }
        && GcpJson.String(root, "subscription") is not null;

    private static (CloudEvent Event, byte[] Legacy) ConvertRawPubSub(JsonElement root, string path, ILogger logger)
    {
        var message = root.GetProperty("message");
        var subscription = root.GetProperty("subscription").GetString()!;
        var id = GcpJson.String(message, "messageId");
        if (string.IsNullOrEmpty(id))
        {
            throw FunctionProblemException.BadRequest("The Pub/Sub push message has no messageId.");
        }

        // The push body does not name the topic: it comes from the push endpoint's path.
        var topicMatch = TopicInPath().Match(path);
        var topic = topicMatch.Success ? topicMatch.Value : UnknownTopic;
        if (!topicMatch.Success)
        {
            LogUnknownTopic(logger, path);
        }

        // The emulator sends no publishTime: the event then has no time (the time of receipt would be
        // a different fact), as Google's .NET framework does. An unreadable publishTime is treated alike.
        var publishText = GcpJson.String(message, "publishTime");
        DateTimeOffset? time = publishText is not null && GcpTimestamp.TryParse(publishText, out var parsed) ? parsed : null;
        var cloudEvent = new CloudEvent(id, "//" + GcpEventTypeMapping.PubSubService + "/" + topic, "google.cloud.pubsub.topic.v1.messagePublished")
        {
            DataContentType = "application/json",
            Time = time,
            Data = GcpJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WritePropertyName("message");
                message.WriteTo(writer);
                writer.WriteString("subscription", subscription);
                writer.WriteEndObject();
            }),
        };
        SetExtensions(cloudEvent, GcpEventTypeMapping.PubSubService, topic);

        var legacy = GcpJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("data");
            writer.WriteString("@type", GcpEventTypeMapping.PubSubMessageType);
            if (GcpJson.Property(message, "data") is { } payload)
            {
                writer.WritePropertyName("data");
                payload.WriteTo(writer);
            }

            writer.WritePropertyName("attributes");
            if (GcpJson.Property(message, "attributes") is { ValueKind: JsonValueKind.Object } attributes)
            {
                attributes.WriteTo(writer);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("context");
            writer.WriteString("eventId", id);
            if (time is { } published)
            {
                writer.WriteString("timestamp", GcpTimestamp.FormatUtc(published));
            }

            writer.WriteString("eventType", GcpEventTypeMapping.PubSubPublishType);
            writer.WriteStartObject("resource");
            writer.WriteString("service", GcpEventTypeMapping.PubSubService);
            writer.WriteString("name", topic);
            writer.WriteString("type", GcpEventTypeMapping.PubSubMessageType);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return (cloudEvent, legacy);
    }


    [GeneratedRegex(@"^(projects/_/buckets/[^/]+)/(objects/.+?)(?:#\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex StorageResource();

    [GeneratedRegex(@"^projects/_/instances/([^/]+)/(refs/.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseResource();

    [GeneratedRegex(@"^projects/([^/]+)/events/([^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AnalyticsResource();

    [GeneratedRegex(@"projects/[^/?]+/topics/[^/?]+", RegexOptions.CultureInvariant)]
    private static partial Regex TopicInPath();

    [GeneratedRegex(@"^projects/[^/]+/topics/([^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TopicResource();

    [LoggerMessage(1, LogLevel.Warning, "Pub/Sub push to {Path}: the topic is not in the path (expected .../projects/<project>/topics/<topic>); using a placeholder topic.")]
    private static partial void LogUnknownTopic(ILogger logger, string path);
}
