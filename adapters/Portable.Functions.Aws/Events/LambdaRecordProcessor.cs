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
internal sealed class LambdaRecordProcessor(FunctionInvoker invoker, FunctionDescriptor? target)
{
    private static readonly byte[] s_emptyObject = "{}"u8.ToArray();

    public async Task<LambdaResult> ProcessAsync(EventShape shape, JsonElement root, InvocationOptions options)
    {
        switch (shape)
        {
            case EventShape.Sqs or EventShape.Kinesis or EventShape.DynamoDb:
                return await ProcessBatchAsync(shape, root.GetProperty("Records"), options).ConfigureAwait(false);
            case EventShape.EventBridge or EventShape.CloudEvent:
                return await ProcessSingleAsync(shape, root, options).ConfigureAwait(false);
            default:
                foreach (var record in root.GetProperty("Records").EnumerateArray())
                {
                    var result = await ProcessSingleAsync(shape, record, options).ConfigureAwait(false);
                    if (result.Error is not null)
                    {
                        return result;
                    }
                }

                return LambdaResult.Success(s_emptyObject);
        }
    }

    private async Task<LambdaResult> ProcessSingleAsync(EventShape shape, JsonElement element, InvocationOptions options)
    {
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = Map(shape, element);
        }
        catch (Exception exception) when (exception is FunctionProblemException or ArgumentException)
        {
            return LambdaResult.RuntimeError("InvalidEvent", exception.Message);
        }

        var outcome = await InvokeAsync(cloudEvent, LambdaMessageTelemetry.For(shape, element, 0, options)).ConfigureAwait(false);
        if (outcome.Outcome == EventOutcome.Retry)
        {
            return LambdaResult.FunctionError(outcome.Error!.ErrorType, outcome.Error.Detail ?? outcome.Error.Title);
        }

        return LambdaResult.Success(outcome.Reply is { } reply && shape == EventShape.CloudEvent ? CloudEventJson.Serialize(reply) : s_emptyObject);
    }

    private async Task<LambdaResult> ProcessBatchAsync(EventShape shape, JsonElement records, InvocationOptions options)
    {
        var failures = new List<BatchItemFailure>();

        // Ordered sources stop at the first failure: Kinesis/DynamoDB resume from the lowest failed
        // sequence number, and a FIFO queue must not run later messages of the batch before it.
        var ordered = shape != EventShape.Sqs || (records[0].Json("eventSourceARN")?.EndsWith(".fifo", StringComparison.Ordinal) ?? false);
        var stopped = false;
        foreach (var record in records.EnumerateArray())
        {
            var identifier = shape == EventShape.Sqs ? record.Json("messageId") : SequenceNumber(shape, record);
            if (stopped)
            {
                if (shape == EventShape.Sqs)
                {
                    failures.Add(new BatchItemFailure(identifier!));
                }

                continue;
            }

            if (string.IsNullOrEmpty(identifier))
            {
                // Without an identifier a failure cannot be reported per record: fail the whole batch.
                return LambdaResult.RuntimeError("InvalidEvent", $"A {shape} record has no {(shape == EventShape.Sqs ? "messageId" : "sequence number")}.");
            }

            if (!await ProcessRecordAsync(shape, record, records.GetArrayLength(), options).ConfigureAwait(false))
            {
                failures.Add(new BatchItemFailure(identifier));
                stopped = ordered;
            }
        }

        return LambdaResult.Success(JsonSerializer.SerializeToUtf8Bytes(new BatchResponse(failures), AwsJsonContext.Default.BatchResponse));
    }

    /// <summary>Returns false when the record must not be acknowledged (a retry, an event no function takes, or a record that could not be mapped).</summary>
    private async Task<bool> ProcessRecordAsync(EventShape shape, JsonElement record, int batchCount, InvocationOptions options)
    {
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = Map(shape, record);
        }
        catch (Exception exception) when (exception is FunctionProblemException or ArgumentException)
        {
            // Retried until the queue's redrive policy moves it to a dead-letter queue.
            invoker.Reject(exception as FunctionProblemException ?? FunctionProblemException.BadRequest(exception.Message), options.InvocationId);
            return false;
        }

        // Per record: its message (trace link, id) and the SQS delivery attempt.
        var result = await InvokeAsync(cloudEvent, LambdaMessageTelemetry.For(shape, record, batchCount, options)).ConfigureAwait(false);
        return result.Outcome != EventOutcome.Retry;
    }

    private Task<EventInvocationResult> InvokeAsync(CloudEvent cloudEvent, InvocationOptions options) =>
        invoker.InvokeEventAsync(cloudEvent, options.WithTarget(target));

    private static CloudEvent Map(EventShape shape, JsonElement element) => shape switch
    {
        EventShape.Sqs => AwsCloudEventMapper.FromSqs(element),
        EventShape.Sns => AwsCloudEventMapper.FromSns(element),
        EventShape.S3 => AwsCloudEventMapper.FromS3(element),
        EventShape.EventBridge => AwsCloudEventMapper.FromEventBridge(element),
        EventShape.Kinesis => AwsCloudEventMapper.FromKinesis(element),
        EventShape.DynamoDb => AwsCloudEventMapper.FromDynamoDb(element),
        _ => CloudEventJson.FromElement(element),
    };

    private static string? SequenceNumber(EventShape shape, JsonElement record) => shape == EventShape.Kinesis
        ? record.Object("kinesis")?.Json("sequenceNumber")
        : record.Object("dynamodb")?.Json("SequenceNumber");
}
