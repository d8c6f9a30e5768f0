namespace Portable.Functions.Aws;

/// <summary>
/// The members of one SQS record the adapter uses, as <see cref="SqsBatchReader"/> read them:
/// <paramref name="Body"/> is the body's JSON string literal (quotes and escapes included; empty when
/// the record has none), a slice of the event the dispatcher holds for the whole invocation;
/// <paramref name="ReceiveCount"/> and <paramref name="SentMilliseconds"/> are <c>ApproximateReceiveCount</c>
/// and <c>SentTimestamp</c> parsed (null when absent or not a number).
/// </summary>
internal readonly record struct SqsRecordFields(
    string MessageId,
    ReadOnlyMemory<byte> Body,
    string? EventSourceArn,
    int? ReceiveCount,
    long? SentMilliseconds,
    string? TraceHeader);
