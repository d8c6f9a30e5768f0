using System.Text.Json;
using System.Text.RegularExpressions;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp;

/// <summary>
/// Converts a CloudEvent into the legacy <c>{"data", "context"}</c> form a legacy (<c>event</c>
/// signature) function receives: the reverse of <see cref="GcpEventMapper"/>, as the
/// conformance fixtures pin it down (<c>*-legacy-output*.json</c>).
/// </summary>
internal static partial class GcpLegacyEventMapper
{
    private static readonly Dictionary<string, string> s_authMetadataToLegacy = new(StringComparer.Ordinal)
    {
        ["createTime"] = "createdAt",
        ["lastSignInTime"] = "lastSignedInAt",
    };

    /// <summary>Builds the legacy form of <paramref name="cloudEvent"/>.</summary>
    /// <exception cref="FunctionProblemException">400 when the event's data is not JSON.</exception>
    public static byte[] ToLegacy(CloudEvent cloudEvent)
    {
        if (cloudEvent.DataContentType is { } contentType && !MediaType.IsJson(contentType))
        {
            throw FunctionProblemException.BadRequest($"A legacy event function needs JSON event data, not '{contentType}'.");
        }

        using var document = cloudEvent.Data.IsEmpty ? null : GcpJson.Parse(cloudEvent.Data, "CloudEvent data");
        var data = document?.RootElement;
        var mapping = GcpEventTypeMapping.FromCloudEventType(cloudEvent.Type);
        var (service, sourcePath) = SplitSource(cloudEvent.Source);
        var joined = cloudEvent.Subject is { Length: > 0 } subject ? sourcePath + "/" + subject : sourcePath;
        var timestamp = GcpTimestamp.FormatUtc(cloudEvent.Time ?? DateTimeOffset.UtcNow);

        return GcpJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            WriteData(writer, mapping?.Service, data);
            writer.WriteStartObject("context");
            writer.WriteString("eventId", cloudEvent.Id);
            writer.WriteString("timestamp", timestamp);
            writer.WriteString("eventType", mapping?.LegacyType ?? cloudEvent.Type);
            switch (mapping?.Service)
            {
                case GcpEventTypeMapping.PubSubService:
                    WriteResource(writer, GcpEventTypeMapping.PubSubService, sourcePath, GcpEventTypeMapping.PubSubMessageType);
                    break;
                case GcpEventTypeMapping.StorageService:
                    WriteResource(writer, service ?? GcpEventTypeMapping.StorageService, joined, GcpJson.String(data, "kind"));
                    break;
                case GcpEventTypeMapping.AuthService or GcpEventTypeMapping.RemoteConfigService:
                    writer.WriteString("resource", sourcePath);
                    break;
                case GcpEventTypeMapping.DatabaseService:
                    // The legacy resource has no location: projects/_/locations/<l>/instances/<i> → projects/_/instances/<i>.
                    writer.WriteString("resource", DatabaseLocation().Replace(sourcePath, "$1") + (cloudEvent.Subject is { Length: > 0 } refs ? "/" + refs : string.Empty));
                    break;
                case GcpEventTypeMapping.AnalyticsService:
                    var match = AnalyticsSource().Match(sourcePath);
                    writer.WriteString("resource", match.Success && cloudEvent.Subject is { Length: > 0 } events ? $"projects/{match.Groups[1].Value}/{events}" : joined);
                    break;
                default:
                    writer.WriteString("resource", joined);
                    break;
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void WriteData(Utf8JsonWriter writer, string? kind, JsonElement? data)
    {
        switch (kind, data)
        {
            case (_, null):
                writer.WriteNullValue();
                break;
            case (GcpEventTypeMapping.PubSubService, { ValueKind: JsonValueKind.Object } wrapped) when GcpJson.Property(wrapped, "message") is { ValueKind: JsonValueKind.Object } message:
                // The legacy payload is the bare message, without the id and time that moved to the context.
                writer.WriteStartObject();
                GcpJson.CopyProperties(writer, message, GcpEventTypeMapping.PubSubMessageIdentity);
                writer.WriteEndObject();
                break;
            case (GcpEventTypeMapping.AuthService, { ValueKind: JsonValueKind.Object } user):
                writer.WriteStartObject();
                GcpJson.CopyProperties(writer, user, GcpJson.NoProperties, "metadata", s_authMetadataToLegacy);
                writer.WriteEndObject();
                break;
            default:
                data.Value.WriteTo(writer);
                break;
        }
    }

    private static void WriteResource(Utf8JsonWriter writer, string service, string name, string? type)
    {
        writer.WriteStartObject("resource");
        writer.WriteString("service", service);
        writer.WriteString("name", name);
        if (type is not null)
        {
            writer.WriteString("type", type);
        }

        writer.WriteEndObject();
    }

    /// <summary><c>//service/path</c> → (service, path); any other source is kept whole as the path.</summary>
    private static (string? Service, string Path) SplitSource(string source)
    {
        if (!source.StartsWith("//", StringComparison.Ordinal))
        {
            return (null, source);
        }

        var slash = source.IndexOf('/', 2);
        return slash < 0 ? (source[2..], string.Empty) : (source[2..slash], source[(slash + 1)..]);
    }

    [GeneratedRegex(@"^(projects/[^/]+)/locations/[^/]+(?=/instances/)", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseLocation();

    [GeneratedRegex(@"^projects/([^/]+)/apps/[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AnalyticsSource();
}
