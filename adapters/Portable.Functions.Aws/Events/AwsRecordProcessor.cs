using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// Runs record events one CloudEvent per record. SQS, Kinesis and DynamoDB answer a partial batch
/// response (<c>batchItemFailures</c>, honoured only when the event source mapping enables
/// <c>ReportBatchItemFailures</c>); SNS, S3, EventBridge and structured CloudEvents fail the invoke
/// (so Lambda's async retry applies) when a handler asks for a retry. An event no function can take
/// (unknown type, data that does not deserialize, a plain-text body for a typed handler) is a failure
/// too. Kafka (MSK and self-managed) runs each topic-partition in order and fails the invoke when a
/// record must be retried (see <see cref="ProcessKafkaAsync"/>). An undeliverable event is a failure
/// unless <see cref="FunctionOptions.UndeliverableEvents"/> is <c>Drop</c>, so the queue's redrive
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
            case EventShape.Kafka:
                return await ProcessKafkaAsync(root, options).ConfigureAwait(false);
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
        var ordered = shape != EventShape.Sqs || (messages.Count > 0 && IsFifo(records[0].Json("eventSourceARN")));
        return await SettleBatchAsync(shape, messages, ordered, options).ConfigureAwait(false);
    }

    /// <summary>
    /// An SQS batch read by <see cref="SqsBatchReader"/> (no document): the same messages, ordering and
    /// answer as the document route of <see cref="ProcessAsync"/> gives the same event.
    /// </summary>
    public Task<AwsResult> ProcessSqsAsync(List<SqsRecordFields> records, InvocationOptions options)
    {
        options = options.WithTrigger(AwsMessageTelemetry.Trigger(EventShape.Sqs, default));
        var messages = ReadSqs(records);
        return SettleBatchAsync(EventShape.Sqs, messages, IsFifo(records[0].EventSourceArn), options);
    }

    /// <summary>The batch messages of SQS records read by <see cref="SqsBatchReader"/>.</summary>
    internal static List<BatchMessage> ReadSqs(List<SqsRecordFields> records)
    {
        var messages = new List<BatchMessage>(records.Count);
        string? arn = null, queue = null;
        foreach (var record in records)
        {
            // The reader gives every record of one queue the same ARN string: its name is taken once.
            if (!ReferenceEquals(record.EventSourceArn, arn))
            {
                (arn, queue) = (record.EventSourceArn, AwsMessageTelemetry.ArnName(record.EventSourceArn));
            }

            try
            {
                var body = record.Body.IsEmpty ? "\"\""u8 : record.Body.Span;
                var cloudEvent = AwsEventMapper.FromSqs(body, record.MessageId, record.EventSourceArn, record.SentMilliseconds);
                messages.Add(BatchMessage.Of(record.MessageId, cloudEvent, record.ReceiveCount, AwsMessageTelemetry.Sqs(queue, record.MessageId, record.TraceHeader, records.Count)));
            }
            catch (Exception exception) when (exception is FunctionProblemException or ArgumentException)
            {
                messages.Add(BatchMessage.Unreadable(record.MessageId, exception as FunctionProblemException ?? FunctionProblemException.BadRequest(exception.Message)));
            }
        }

        return messages;
    }

    /// <summary>The batch messages of SQS records through the document route (for comparing both routes).</summary>
    internal static List<BatchMessage> ReadSqs(JsonElement records)
    {
        var messages = new List<BatchMessage>(records.GetArrayLength());
        foreach (var record in records.EnumerateArray())
        {
            messages.Add(Read(EventShape.Sqs, record, record.Json("messageId")!, records.GetArrayLength()));
        }

        return messages;
    }

    private static bool IsFifo(string? queueArn) => queueArn?.EndsWith(".fifo", StringComparison.Ordinal) ?? false;

    private async Task<AwsResult> SettleBatchAsync(EventShape shape, List<BatchMessage> messages, bool ordered, InvocationOptions options)
    {
        var result = await invoker.InvokeBatchAsync(messages, ordered ? BatchOrdering.Ordered : BatchOrdering.Unordered, options.WithTarget(target)).ConfigureAwait(false);

        if (result.FirstRetry is not { } first)
        {
            return AwsResult.Success(s_noFailures);
        }

        // SQS names every message to keep; a stream names only its checkpoint, the first failed record.
        var failures = shape == EventShape.Sqs
            ? result.Retries().Select(static item => new BatchItemFailure(item.Id)).ToList()
            : [new BatchItemFailure(first.Id)];
        return AwsResult.Success(JsonSerializer.SerializeToUtf8Bytes(new BatchResponse(failures), AwsJsonContext.Default.BatchResponse));
    }

    /// <summary>
    /// Kafka: each <c>topic-partition</c> group runs <see cref="BatchOrdering.Ordered"/> (after a record
    /// that must be retried, the rest of its partition is not invoked), the other partitions go on.
    /// The answer is the whole invoke: a Kafka event source mapping honours a partial batch response only
    /// in provisioned mode with <c>ReportBatchItemFailures</c> turned on
    /// (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html), while a function
    /// error is understood by every mapping: Lambda retries the batch (by default until the records
    /// expire, or up to <c>MaximumRetryAttempts</c>, then the on-failure destination), so the failed
    /// record is never committed past. Records of other partitions that succeeded are delivered again
    /// with the retry: Kafka delivery through Lambda is at least once.
    /// </summary>
    private async Task<AwsResult> ProcessKafkaAsync(JsonElement root, InvocationOptions options)
    {
        var groups = root.GetProperty("records");
        var total = 0;
        foreach (var group in groups.EnumerateObject())
        {
            if (group.Value.ValueKind != JsonValueKind.Array)
            {
                return AwsResult.RuntimeError("InvalidEvent", $"The Kafka event's records['{UntrustedText.Shorten(group.Name)}'] is not an array.");
            }

            total += group.Value.GetArrayLength();
        }

        BatchItemResult? firstRetry = null;
        foreach (var group in groups.EnumerateObject())
        {
            var messages = new List<BatchMessage>(group.Value.GetArrayLength());
            foreach (var record in group.Value.EnumerateArray())
            {
                var identifier = AwsKafkaMapper.Identifier(record, group.Name, messages.Count);
                try
                {
                    messages.Add(BatchMessage.Of(identifier, AwsKafkaMapper.FromKafka(root, record), null, AwsMessageTelemetry.Message(EventShape.Kafka, record, total)));
                }
                catch (FunctionProblemException problem)
                {
                    // Bad base64, a broken ce_ header...: unreadable, settled by the core (retry by default), never acknowledged.
                    messages.Add(BatchMessage.Unreadable(identifier, problem));
                }
            }

            var result = await invoker.InvokeBatchAsync(messages, BatchOrdering.Ordered, options.WithTarget(target)).ConfigureAwait(false);
            firstRetry ??= result.FirstRetry;
        }

        if (firstRetry is null)
        {
            return AwsResult.Success(s_emptyObject);
        }

        var error = firstRetry.Error;
        return AwsResult.FunctionError(error?.ErrorType ?? "RecordNotProcessed", $"Kafka record {firstRetry.Id} must be retried: {error?.Detail ?? error?.Title ?? "not processed"}");
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
