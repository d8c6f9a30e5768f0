using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// Runs record events one CloudEvent per record. SQS, Kinesis and DynamoDB answer a partial batch
/// response (<c>batchItemFailures</c>, honoured only when the event source mapping enables
/// <c>ReportBatchItemFailures</c>); SNS, S3, EventBridge and structured CloudEvents fail the invoke
/// (so Lambda's async retry applies) when a handler asks for a retry. An event no function can take
/// (unknown type, data that does not deserialize, a plain-text body for a typed handler) is a failure
/// too unless <see cref="FunctionOptions.UndeliverableEvents"/> is <c>Drop</c>, so the queue's redrive
/// policy dead-letters it. A <see cref="DropEventException"/> is handled.
/// </summary>
internal sealed class AwsRecordProcessor(FunctionInvoker invoker, FunctionDescriptor? target)
{
    private static readonly byte[] s_emptyObject = "{}"u8.ToArray();

    // The common answer, as the serializer writes it (without starting the serializer on a cold start).
    private static readonly byte[] s_noFailures = """{"batchItemFailures":[]}"""u8.ToArray();

    public async Task<AwsResult> ProcessAsync(EventShape shape, JsonElement root, InvocationOptions options)
    {
        var records = root.TryGetProperty("Records", out var list) && list.ValueKind == JsonValueKind.Array ? list : default;
        options = options.WithTrigger(AwsMessageTelemetry.Trigger(shape, records.ValueKind == JsonValueKind.Array && records.GetArrayLength() > 0 ? records[0] : root));
        switch (shape)
        {
            case EventShape.Sqs or EventShape.Kinesis or EventShape.DynamoDb:
                return await ProcessBatchAsync(shape, root.GetProperty("Records"), options).ConfigureAwait(false);
            case EventShape.EventBridge or EventShape.CloudEvent:
                return await ProcessWholeAsync(shape, [Read(shape, root, "event", 0)], options).ConfigureAwait(false);
            default:
                var messages = new List<BatchMessage>();
                foreach (var record in root.GetProperty("Records").EnumerateArray())
                {
                    messages.Add(Read(shape, record, $"record {messages.Count}", 0));
                }

                return await ProcessWholeAsync(shape, messages, options).ConfigureAwait(false);
        }
    }

    // SNS, S3, EventBridge and structured CloudEvents have no partial-batch answer: the first record that
    // must be retried fails the invoke (the rest wait for the retry), so Lambda's async retry applies.
    private async Task<AwsResult> ProcessWholeAsync(EventShape shape, List<BatchMessage> messages, InvocationOptions options)
    {
        if (messages.Find(static m => m.Problem is not null) is { } unreadable)
        {
            return AwsResult.RuntimeError("InvalidEvent", unreadable.Problem!.Message);
        }

        var result = await invoker.InvokeBatchAsync(messages, BatchOrdering.Ordered, options.WithTarget(target)).ConfigureAwait(false);
        if (result.FirstRetry is { Error: { } error })
        {
            return AwsResult.FunctionError(error.ErrorType, error.Detail ?? error.Title);
        }

        return AwsResult.Success(shape == EventShape.CloudEvent && result.Items[0].Reply is { } reply ? CloudEventJson.Serialize(reply) : s_emptyObject);
    }

    private async Task<AwsResult> ProcessBatchAsync(EventShape shape, JsonElement records, InvocationOptions options)
    {
        var messages = new List<BatchMessage>(records.GetArrayLength());
        foreach (var record in records.EnumerateArray())
        {
            var identifier = shape == EventShape.Sqs ? record.Json("messageId") : SequenceNumber(shape, record);
            if (string.IsNullOrEmpty(identifier))
            {
                // Without an identifier a failure cannot be reported per record: fail the whole batch.
                return AwsResult.RuntimeError("InvalidEvent", $"A {shape} record has no {(shape == EventShape.Sqs ? "messageId" : "sequence number")}.");
            }

            messages.Add(Read(shape, record, identifier, records.GetArrayLength()));
        }

        // Ordered sources stop at the first failure: Kinesis/DynamoDB resume from the lowest failed
        // sequence number, and a FIFO queue must not run later messages of the batch before it.
        var ordered = shape != EventShape.Sqs || (messages.Count > 0 && (records[0].Json("eventSourceARN")?.EndsWith(".fifo", StringComparison.Ordinal) ?? false));
        var result = await invoker.InvokeBatchAsync(messages, ordered ? BatchOrdering.Ordered : BatchOrdering.Unordered, options.WithTarget(target)).ConfigureAwait(false);

        // SQS names every message to keep; a stream names only its checkpoint, the first failed record.
        var failures = shape == EventShape.Sqs
            ? result.Retries().Select(static item => new BatchItemFailure(item.Id)).ToList()
            : result.FirstRetry is { } first ? [new BatchItemFailure(first.Id)] : [];
        return AwsResult.Success(failures.Count == 0 ? s_noFailures : JsonSerializer.SerializeToUtf8Bytes(new BatchResponse(failures), AwsJsonContext.Default.BatchResponse));
    }

    /// <summary>
    /// Maps a record to its CloudEvent, with its messaging facts (trace link, id) and SQS delivery
    /// attempt; a record that cannot be mapped stays in the batch as unreadable (retried, then dead-lettered).
    /// </summary>
    private static BatchMessage Read(EventShape shape, JsonElement record, string identifier, int batchCount)
    {
        try
        {
            var attempt = shape == EventShape.Sqs && int.TryParse(record.Object("attributes")?.Json("ApproximateReceiveCount"), out var count) ? count : (int?)null;
            return BatchMessage.Of(identifier, Map(shape, record), attempt, AwsMessageTelemetry.Message(shape, record, batchCount));
        }
        catch (Exception exception) when (exception is FunctionProblemException or ArgumentException)
        {
            return BatchMessage.Unreadable(identifier, exception as FunctionProblemException ?? FunctionProblemException.BadRequest(exception.Message));
        }
    }

    private static CloudEvent Map(EventShape shape, JsonElement element) => shape switch
    {
        EventShape.Sqs => AwsEventMapper.FromSqs(element),
        EventShape.Sns => AwsEventMapper.FromSns(element),
        EventShape.S3 => AwsEventMapper.FromS3(element),
        EventShape.EventBridge => AwsEventMapper.FromEventBridge(element),
        EventShape.Kinesis => AwsEventMapper.FromKinesis(element),
        EventShape.DynamoDb => AwsEventMapper.FromDynamoDb(element),
        _ => CloudEventJson.FromElement(element),
    };

    private static string? SequenceNumber(EventShape shape, JsonElement record) => shape == EventShape.Kinesis
        ? record.Object("kinesis")?.Json("sequenceNumber")
        : record.Object("dynamodb")?.Json("SequenceNumber");
}
