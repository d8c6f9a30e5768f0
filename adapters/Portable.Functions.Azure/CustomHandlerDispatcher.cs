using System.Buffers;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>
/// Invokes one function for one host invocation and fills the <see cref="CustomHandlerResult"/>:
/// the HTTP response as the <c>res</c> output, and per-message settlement for trigger batches.
/// </summary>
/// <remarks>
/// Settlement: success and drop (<see cref="DropEventException"/>, or input the function rejected
/// with a 4xx when <see cref="FunctionOptions.UndeliverableEvents"/> is <c>Drop</c>) complete the
/// message; a drop is logged. A failure to retry (by default also input the function cannot take) fails the
/// whole invocation, because the host settles an invocation, not a message: every message of the
/// batch is then redelivered (handlers must be idempotent, as at-least-once delivery requires anyway).
/// </remarks>
internal sealed class CustomHandlerDispatcher(FunctionInvoker invoker, AzureBindings binding, CustomHandlerResult result)
{
    public async Task RunHttpAsync(FunctionRequest request, InvocationOptions options)
    {
        var response = await InvokeHttpAsync(request, options).ConfigureAwait(false);
        result.Http = await HttpTriggerMapper.ToOutputAsync(response, request.Method, result, options.Aborted).ConfigureAwait(false);
    }

    /// <summary>Invokes an HTTP-triggered function: routed by path, or CloudEvents for an event function.</summary>
    public Task<FunctionResponse> InvokeHttpAsync(FunctionRequest request, InvocationOptions options) =>
        binding.IsCloudEventOverHttp
            ? RunCloudEventsOverHttpAsync(request, options)

            // Route by path (the host matched the same route) so route values are filled.
            : invoker.InvokeHttpAsync(request, options);

    /// <summary>Invokes the function per event; returns a failure response when the invocation must not be acknowledged.</summary>
    public async Task<FunctionResponse?> RunEventsAsync(IReadOnlyList<CloudEvent> events, InvocationOptions options)
    {
        var outputs = new List<ReadOnlyMemory<byte>>(events.Count);
        var batch = options;
        foreach (var cloudEvent in events)
        {
            options = AzureMessageTelemetry.For(binding, cloudEvent, events.Count, batch);
            InvocationError? error;
            EventOutcome outcome;
            if (binding.Function.Kind == FunctionKind.Typed)
            {
                var json = await invoker.InvokeJsonAsync(binding.Function, cloudEvent.Data, options).ConfigureAwait(false);
                error = json.Error;
                outcome = error is null ? EventOutcome.Success : invoker.SettleFailedMessage(error);
                if (error is null)
                {
                    outputs.Add(json.Output);
                }
            }
            else
            {
                var invocation = await invoker.InvokeEventAsync(cloudEvent, options.WithTarget(binding.Function)).ConfigureAwait(false);
                error = invocation.Error;
                outcome = invocation.Outcome;
                if (invocation.Reply is { } reply)
                {
                    outputs.Add(CloudEventJson.Serialize(reply));
                }
            }

            if (outcome == EventOutcome.Retry)
            {
                // Also for a message no function can take (UndeliverableEvents = Fail, the default): the
                // trigger retries it and then moves it to the poison queue / dead-letter queue.
                return invoker.ToProblemResponse(error!, options.InvocationId);
            }

            if (error is not null)
            {
                result.Log($"Message {cloudEvent.Id} dropped ({error.StatusCode} {error.Title}): {error.Detail}");
            }
        }

        SetReturnValue(outputs);
        return null;
    }

    private async Task<FunctionResponse> RunCloudEventsOverHttpAsync(FunctionRequest request, InvocationOptions options)
    {
        IReadOnlyList<CloudEvent> events;
        try
        {
            events = await CloudEventHttp.ReadAsync(request, long.MaxValue, options.Aborted).ConfigureAwait(false);
        }
        catch (FunctionProblemException problem)
        {
            return invoker.RejectInvocation(problem, options);
        }

        CloudEvent? lastReply = null;
        foreach (var cloudEvent in events)
        {
            var invocation = await invoker.InvokeEventAsync(cloudEvent, options.WithTarget(binding.Function)).ConfigureAwait(false);
            if (invocation.Error is { } error && invocation.StatusCode >= 400)
            {
                return invoker.ToProblemResponse(error, options.InvocationId);
            }

            lastReply = invocation.Reply ?? lastReply;
        }

        return lastReply is null
            ? new FunctionResponse(202)
            : CloudEventHttp.ToResponse(lastReply, CloudEventContentMode.Structured);
    }

    private void SetReturnValue(List<ReadOnlyMemory<byte>> outputs)
    {
        if (outputs.Count == 0)
        {
            return;
        }

        if (binding.OutputType is null)
        {
            result.Log($"{outputs.Count} result(s) discarded: function '{binding.Function.Name}' has no Azure output binding (see AzureQueueOutput).");
            return;
        }

        if (!binding.IsBatch)
        {
            result.ReturnValue = outputs[0];
            return;
        }

        // A collector output adds one message per array element.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var output in outputs)
            {
                writer.WriteRawValue(output.Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
        }

        result.ReturnValue = buffer.WrittenMemory;
    }
}
