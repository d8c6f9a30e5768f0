using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portable.Functions.Gcp.Tests.BadInput;

/// <summary>
/// Hostile legacy GCF event bodies (our own base events, mutated: truncated, missing fields, wrong types,
/// deep nesting, invalid UTF-8, wrong content types) and hostile CloudEvents, for a CloudEvent target.
/// </summary>
internal static class GcpBadInputCorpus
{
    private static readonly (string Name, string Json)[] s_baseEvents =
    [
        ("storage", """{"eventId":"1147091835525187","eventType":"google.storage.object.finalize","resource":"projects/_/buckets/my-bucket/objects/photo.jpg","timestamp":"2026-11-25T10:00:00.000Z","data":{"bucket":"my-bucket","name":"photo.jpg","size":"1024"}}"""),
        ("pubsub", """{"eventId":"42","eventType":"google.pubsub.topic.publish","resource":"projects/p/topics/orders","timestamp":"2026-11-25T10:00:00.000Z","data":{"@type":"type.googleapis.com/google.pubsub.v1.PubsubMessage","data":"eyJpZCI6MX0=","attributes":{"a":"b"}}}"""),
        ("firestore", """{"eventId":"7","eventType":"providers/cloud.firestore/eventTypes/document.write","resource":"projects/p/databases/(default)/documents/orders/o-1","timestamp":"2026-11-25T10:00:00.000Z","data":{"value":{"fields":{"qty":{"integerValue":"2"}}}}}"""),
        ("rtdb", """{"eventId":"9","eventType":"providers/google.firebase.database/eventTypes/ref.write","resource":"projects/_/instances/my-db/refs/orders/o-1","domain":"europe-west1.firebasedatabase.app","timestamp":"2026-11-25T10:00:00.000Z","data":{"data":null,"delta":{"qty":2}}}"""),
        ("auth", """{"eventId":"5","eventType":"providers/firebase.auth/eventTypes/user.create","resource":"projects/p","timestamp":"2026-11-25T10:00:00.000Z","data":{"uid":"u-1","email":"ada@example.com","metadata":{"createdAt":"2026-11-25T10:00:00Z"}}}"""),
    ];

    public static IEnumerable<(string Name, string ContentType, byte[] Body)> All()
    {
        foreach (var (name, json) in s_baseEvents)
        {
            for (var i = 1; i < json.Length; i += 4)
            {
                yield return ($"{name} truncated at {i}", "application/json", Encoding.UTF8.GetBytes(json[..i]));
            }

            foreach (var field in new[] { "eventId", "eventType", "resource", "data" })
            {
                yield return ($"{name} without {field}", "application/json", Encoding.UTF8.GetBytes(Without(json, field)));
            }

            // Any JSON value is accepted as data for non-Pub/Sub events (a typed handler rejects a wrong
            // shape with 400 when it deserializes); Pub/Sub's data must be the message object.
            (string, string)[] wrong = [("timestamp", "\"yesterday\""), ("timestamp", "\"2026-13-45T99:99:99Z\""), ("eventType", "\"com.example.unmapped\""), ("eventType", "42"), ("eventId", "\"\"")];
            if (name == "pubsub")
            {
                wrong = [.. wrong, ("data", "\"text\""), ("data", "[1,2]")];
            }

            foreach (var (field, value) in wrong)
            {
                yield return ($"{name} {field}={value}", "application/json", Encoding.UTF8.GetBytes(With(json, field, value)));
            }

            yield return ($"{name} deep data", "application/json", Encoding.UTF8.GetBytes(With(json, "data", new string('[', 200) + new string(']', 200))));
            yield return ($"{name} invalid UTF-8", "application/json", InvalidUtf8(json));
            foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/octet-stream" })
            {
                yield return ($"{name} as {contentType}", contentType, Encoding.UTF8.GetBytes(json));
            }
        }

        string[] pushBodies =
        [
            """{"subscription":"projects/p/subscriptions/s"}""",
            """{"message":"text","subscription":"projects/p/subscriptions/s"}""",
            """{"message":{"data":"eA=="},"subscription":"projects/p/subscriptions/s"}""",
            """{"message":[1],"subscription":"projects/p/subscriptions/s"}""",
            "[]", "null", "\"string\"", "42", "true", "{", "}", string.Empty,
        ];
        foreach (var body in pushBodies)
        {
            yield return ($"push body {body}", "application/json", Encoding.UTF8.GetBytes(body));
        }
    }

    private static string Without(string json, string field)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove(field);
        return node.ToJsonString();
    }

    private static string With(string json, string field, string rawValue)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[field] = JsonNode.Parse(rawValue, documentOptions: new JsonDocumentOptions { MaxDepth = 1000 });
        return node.ToJsonString(new JsonSerializerOptions { MaxDepth = 1000 });
    }

    private static byte[] InvalidUtf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var at = json.IndexOf("\"eventId\":\"", StringComparison.Ordinal) + "\"eventId\":\"".Length;
        bytes.InsertRange(at, [0xC3, 0x28, 0xFF]);
        return [.. bytes];
    }
}
