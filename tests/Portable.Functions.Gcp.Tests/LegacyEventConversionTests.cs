using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Portable.Functions.Gcp.Tests;

/// <summary>Event kinds the conformance set lacks, following the documented mapping (contract doc §2.4).</summary>
public sealed class LegacyEventConversionTests
{
    private const string PushBody = """{"message":{"data":"aGk=","attributes":{"k":"v"},"messageId":"m-1","publishTime":"2024-01-02T03:04:05.678Z"},"subscription":"projects/p/subscriptions/s"}""";

    [Fact]
    public void RawPubSubPush_TopicFromPath_BecomesMessagePublished()
    {
        var cloudEvent = Convert(PushBody, "/projects/p/topics/t");

        Assert.Equal("m-1", cloudEvent.Id);
        Assert.Equal("google.cloud.pubsub.topic.v1.messagePublished", cloudEvent.Type);
        Assert.Equal("//pubsub.googleapis.com/projects/p/topics/t", cloudEvent.Source);
        Assert.Equal(DateTimeOffset.Parse("2024-01-02T03:04:05.678Z", System.Globalization.CultureInfo.InvariantCulture), cloudEvent.Time);
        AssertData("""{"message":{"data":"aGk=","attributes":{"k":"v"},"messageId":"m-1","publishTime":"2024-01-02T03:04:05.678Z"},"subscription":"projects/p/subscriptions/s"}""", cloudEvent);
    }

    [Fact]
    public void RawPubSubPush_WithoutTopicInPath_UsesThePlaceholderTopic()
    {
        Assert.Equal("//pubsub.googleapis.com/projects/unknown-project!/topics/unknown-topic!", Convert(PushBody, "/").Source);
    }

    [Fact]
    public void EmulatorPush_WithoutPublishTime_HasNoTime_AndNoInventedPublishTime()
    {
        var cloudEvent = Convert("""{"message":{"data":"aGk=","messageId":"m-2"},"subscription":"projects/p/subscriptions/s"}""", "/projects/p/topics/t");

        Assert.Null(cloudEvent.Time);
        var message = JsonNode.Parse(cloudEvent.Data.Span)!["message"]!.AsObject();
        Assert.False(message.ContainsKey("publishTime"));
        var legacy = LegacyEvent.FromCloudEvent(cloudEvent);
        Assert.Null(legacy.Timestamp);
        Assert.Equal("m-2", legacy.EventId);
    }

    [Fact]
    public void PubSubEvents_CarryTheTopicExtension_AsGooglesFrameworkSets()
    {
        var raw = Convert(PushBody, "/projects/p/topics/t");
        var legacy = Convert("""{"eventId":"1","eventType":"google.pubsub.topic.publish","resource":"projects/p/topics/orders","data":{"data":"eA=="}}""");

        Assert.Equal("t", raw.GetExtensionString("topic"));
        Assert.Equal("orders", legacy.GetExtensionString("topic"));
    }

    [Fact]
    public void StorageEvent_CarriesTheBucketExtension_AsGooglesFrameworkSets()
    {
        var cloudEvent = Convert("""{"eventId":"1","eventType":"google.storage.object.finalize","resource":"projects/_/buckets/photos/objects/a.jpg#12","data":{"kind":"storage#object"}}""");

        Assert.Equal("photos", cloudEvent.GetExtensionString("bucket"));
        Assert.Equal("objects/a.jpg", cloudEvent.Subject);
    }

    [Fact]
    public void FirestoreResource_WithoutDocumentsSegment_StaysWholeInTheSource()
    {
        var cloudEvent = Convert("""{"eventId":"1","eventType":"providers/cloud.firestore/eventTypes/document.write","resource":"projects/p/databases/(default)/other/x","data":{}}""");

        Assert.Equal("//firestore.googleapis.com/projects/p/databases/(default)/other/x", cloudEvent.Source);
        Assert.Null(cloudEvent.Subject);
    }

    [Fact]
    public void RawPubSubPush_ToLegacyFunction_GetsTheMarshalledLegacyShape()
    {
        var legacy = LegacyEvent.FromCloudEvent(Convert(PushBody, "/projects/p/topics/t"));

        Assert.Equal("m-1", legacy.EventId);
        Assert.Equal("google.pubsub.topic.publish", legacy.EventType);
        Assert.Equal("2024-01-02T03:04:05.678Z", legacy.Timestamp);
        Assert.Equal("projects/p/topics/t", legacy.Resource.GetProperty("name").GetString());
        AssertJson("""{"@type":"type.googleapis.com/google.pubsub.v1.PubsubMessage","data":"aGk=","attributes":{"k":"v"}}""", legacy.Data);
    }

    [Fact]
    public void PubSubTimestampWithMicroseconds_KeepsThemInPublishTime()
    {
        var cloudEvent = Convert("""{"eventId":"1","eventType":"google.pubsub.topic.publish","resource":"projects/p/topics/t","timestamp":"2024-01-02T03:04:05.678901Z","data":{"data":"eA=="}}""");

        Assert.Equal("2024-01-02T03:04:05.678901Z", JsonNode.Parse(cloudEvent.Data.Span)!["message"]!["publishTime"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("projects/_/buckets/b/objects/a/b/c.txt#1587627537231057", "objects/a/b/c.txt")]
    [InlineData("projects/_/buckets/b/objects/plain", "objects/plain")]
    public void StorageResource_SplitsBucketAndObject_WithoutGeneration(string resource, string subject)
    {
        var cloudEvent = Convert($$$"""{"eventId":"1","eventType":"providers/cloud.storage/eventTypes/object.change","resource":"{{{resource}}}","data":{"kind":"storage#object"}}""");

        Assert.Equal("//storage.googleapis.com/projects/_/buckets/b", cloudEvent.Source);
        Assert.Equal(subject, cloudEvent.Subject);
        Assert.Equal("google.cloud.storage.object.v1.changed", cloudEvent.Type);
    }

    [Fact]
    public void AnalyticsEvent_SourceNamesTheApp_AndConvertsBack()
    {
        var cloudEvent = Convert("""{"eventId":"1","eventType":"providers/google.firebase.analytics/eventTypes/event.log","resource":"projects/p/events/session_start","timestamp":"2024-01-02T03:04:05Z","data":{"userDim":{"appInfo":{"appId":"com.example.app"}}}}""");

        Assert.Equal("google.firebase.analytics.log.v1.written", cloudEvent.Type);
        Assert.Equal("//firebaseanalytics.googleapis.com/projects/p/apps/com.example.app", cloudEvent.Source);
        Assert.Equal("events/session_start", cloudEvent.Subject);
        var back = LegacyEvent.FromCloudEvent(Copy(cloudEvent));
        Assert.Equal("providers/google.firebase.analytics/eventTypes/event.log", back.EventType);
        Assert.Equal("projects/p/events/session_start", back.Resource.GetString());
        Assert.Equal("2024-01-02T03:04:05.000Z", back.Timestamp);
    }

    [Fact]
    public void AnalyticsEvent_WithoutAppId_IsRejected()
    {
        var problem = Assert.Throws<FunctionProblemException>(() => Convert("""{"eventId":"1","eventType":"providers/google.firebase.analytics/eventTypes/event.log","resource":"projects/p/events/e","data":{}}"""));

        Assert.Equal(400, problem.StatusCode);
    }

    [Theory]
    [InlineData("google.firebase.remoteconfig.update")]
    [InlineData("providers/firebase.remoteConfig/remoteconfig.update")]
    public void RemoteConfigEvent_BothLegacyNames_MapToUpdated(string legacyType)
    {
        var cloudEvent = Convert($$$"""{"eventId":"1","eventType":"{{{legacyType}}}","resource":"projects/p","data":{"versionNumber":"2"}}""");

        Assert.Equal("google.firebase.remoteconfig.remoteConfig.v1.updated", cloudEvent.Type);
        Assert.Equal("//firebaseremoteconfig.googleapis.com/projects/p", cloudEvent.Source);
    }

    [Fact]
    public void AuthDelete_SubjectFromUid_MetadataRenamed()
    {
        var cloudEvent = Convert("""{"eventId":"1","eventType":"providers/firebase.auth/eventTypes/user.delete","resource":"projects/p","data":{"uid":"u1","metadata":{"createdAt":"2020-01-01T00:00:00Z"}}}""");

        Assert.Equal("google.firebase.auth.user.v1.deleted", cloudEvent.Type);
        Assert.Equal("users/u1", cloudEvent.Subject);
        AssertData("""{"uid":"u1","metadata":{"createTime":"2020-01-01T00:00:00Z"}}""", cloudEvent);
    }

    [Fact]
    public void DatabaseEvent_RegionalDomain_LocationFromFirstLabel()
    {
        var cloudEvent = Convert("""{"eventId":"1","eventType":"providers/google.firebase.database/eventTypes/ref.create","domain":"asia-southeast1.firebasedatabase.app","resource":"projects/_/instances/db/refs/a/b","data":{}}""");

        Assert.Equal("//firebasedatabase.googleapis.com/projects/_/locations/asia-southeast1/instances/db", cloudEvent.Source);
        Assert.Equal("refs/a/b", cloudEvent.Subject);
    }

    [Fact]
    public void CloudEventOfUnmappedType_ToLegacy_KeepsTypeAndSourcePath()
    {
        var cloudEvent = new CloudEvent("id-1", "//example.com/things/1", "com.example.thing.created")
        {
            DataContentType = "application/json",
            Subject = "parts/2",
            Time = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            Data = Encoding.UTF8.GetBytes("""{"a":1}"""),
        };

        var legacy = LegacyEvent.FromCloudEvent(cloudEvent);

        Assert.Equal("com.example.thing.created", legacy.EventType);
        Assert.Equal("things/1/parts/2", legacy.Resource.GetString());
        Assert.Equal("2024-01-02T01:04:05.000Z", legacy.Timestamp);
        AssertJson("""{"a":1}""", legacy.Data);
    }

    private static CloudEvent Convert(string body, string path = "/") =>
        GcpEventMapper.Convert(Encoding.UTF8.GetBytes(body), path, NullLogger.Instance);

    /// <summary>A copy, so the reverse mapping is used rather than the remembered legacy request.</summary>
    private static CloudEvent Copy(CloudEvent source) => new(source.Id, source.Source, source.Type)
    {
        DataContentType = source.DataContentType,
        Subject = source.Subject,
        Time = source.Time,
        Data = source.Data,
    };

    private static void AssertData(string expected, CloudEvent cloudEvent) =>
        ConformanceAssert.AssertJsonEqual(JsonNode.Parse(expected), JsonNode.Parse(cloudEvent.Data.Span));

    private static void AssertJson(string expected, JsonElement actual) =>
        ConformanceAssert.AssertJsonEqual(JsonNode.Parse(expected), JsonNode.Parse(actual.GetRawText()));
}
