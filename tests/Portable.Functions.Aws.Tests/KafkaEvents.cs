using System.Globalization;
using System.Text;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// Kafka event payloads written from the AWS documentation's examples: "Using Lambda with Amazon MSK"
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html, example event: <c>eventSource</c>
/// <c>aws:kafka</c>, <c>eventSourceArn</c>, <c>bootstrapServers</c>, <c>records</c> keyed
/// <c>topic-partition</c>) and "Using Lambda with self-managed Apache Kafka"
/// (https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html, <c>eventSource</c>
/// <c>SelfManagedKafka</c>, no ARN). Keys and values are base64; each header is a one-member object whose
/// value is the header's bytes as numbers.
/// </summary>
internal static class KafkaEvents
{
    public const string ClusterArn = "arn:aws:kafka:us-east-1:123456789012:cluster/vpc-2priv-2pub/751d2973-a626-431c-9d4e-d7975eb44dd7-2";

    /// <summary>An MSK event: <paramref name="groups"/> are (<c>topic-partition</c>, records JSON).</summary>
    public static string Msk(params (string Group, string[] Records)[] groups) =>
        "{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":\"" + ClusterArn + "\","
        + "\"bootstrapServers\":\"b-2.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092,b-1.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092\","
        + "\"records\":{" + Groups(groups) + "}}";

    /// <summary>A self-managed Kafka event (no ARN).</summary>
    public static string SelfManaged(params (string Group, string[] Records)[] groups) =>
        "{\"eventSource\":\"SelfManagedKafka\",\"bootstrapServers\":\"b-2.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092,b-1.demo-cluster-1.a1bcde.c1.kafka.us-east-1.amazonaws.com:9092\","
        + "\"records\":{" + Groups(groups) + "}}";

    /// <summary>One record; <paramref name="value"/> and <paramref name="key"/> are encoded to base64 here unless <paramref name="rawValue"/> is given.</summary>
    public static string Record(string topic, int partition, long offset, string value, string? key = "recordKey", (string Name, string Value)[]? headers = null, string? rawValue = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"topic\":\"{topic}\",\"partition\":{partition},\"offset\":{offset},\"timestamp\":1545084650987,\"timestampType\":\"CREATE_TIME\",")
        + (key is null ? string.Empty : "\"key\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(key)) + "\",")
        + "\"value\":\"" + (rawValue ?? Convert.ToBase64String(Encoding.UTF8.GetBytes(value))) + "\","
        + "\"headers\":[" + string.Join(",", (headers ?? [("headerKey", "headerValue")]).Select(h => "{\"" + h.Name + "\":[" + string.Join(",", Encoding.UTF8.GetBytes(h.Value)) + "]}")) + "]}";

    private static string Groups((string Group, string[] Records)[] groups) =>
        string.Join(",", groups.Select(g => "\"" + g.Group + "\":[" + string.Join(",", g.Records) + "]"));
}
