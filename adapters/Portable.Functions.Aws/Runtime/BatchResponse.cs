using System.Text.Json.Serialization;

namespace Portable.Functions.Aws;

/// <summary>The partial batch response (SQS, Kinesis, DynamoDB Streams) honoured with <c>ReportBatchItemFailures</c>.</summary>
/// <param name="BatchItemFailures">Failed records: SQS message ids or stream sequence numbers.</param>
internal sealed record BatchResponse([property: JsonPropertyName("batchItemFailures")] IReadOnlyList<BatchItemFailure> BatchItemFailures);

/// <summary>One failed record.</summary>
/// <param name="ItemIdentifier">The SQS message id or the stream sequence number.</param>
internal sealed record BatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
