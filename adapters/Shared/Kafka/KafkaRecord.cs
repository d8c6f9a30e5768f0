namespace Portable.Functions.Kafka;

/// <summary>
/// One Kafka record as a platform delivered it, already decoded from the platform's envelope (AWS
/// base64 and byte-array headers, Azure's custom-handler JSON): what <see cref="KafkaCloudEvents"/>
/// maps to a CloudEvent.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition number.</param>
/// <param name="Offset">The record's offset in its partition.</param>
/// <param name="Timestamp">The record timestamp, when the platform gives one.</param>
/// <param name="Key">The record key bytes, or null for a record without a key.</param>
/// <param name="Value">The record value bytes (empty for a tombstone).</param>
/// <param name="Headers">The record headers in the order the record carries them (Kafka allows repeats).</param>
internal sealed record KafkaRecord(
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset? Timestamp,
    byte[]? Key,
    byte[] Value,
    IReadOnlyList<KeyValuePair<string, byte[]>> Headers);
