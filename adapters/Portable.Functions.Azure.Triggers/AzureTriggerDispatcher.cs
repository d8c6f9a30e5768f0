using System.Buffers;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>
/// Invokes one function for one Azure invocation (custom handler or isolated worker) and collects what
/// the host gets back besides the status: the <c>$return</c> value and log lines, including one per
/// dropped message. Create one per invocation with <see cref="Create"/>.
/// </summary>
/// <remarks>
/// Settlement: success and drop (<see cref="DropEventException"/>, or input the function rejected
/// with a 4xx when <see cref="FunctionOptions.UndeliverableEvents"/> is <c>Drop</c>) complete the
/// message; a drop is logged. A failure to retry (by default also input the function cannot take) fails the
/// whole invocation, because the host settles an invocation, not a message: every message of the
/// batch is then redelivered (handlers must be idempotent, as at-least-once delivery requires anyway).
/// </remarks>
public sealed class AzureTriggerDispatcher
{
    private readonly FunctionInvoker _invoker;
    private readonly AzureBindings _binding;
    private readonly List<string> _logs = [];

    private AzureTriggerDispatcher(FunctionInvoker invoker, AzureBindings binding)
    {
        _invoker = invoker;
        _binding = binding;
    }

    /// <summary>UTF-8 JSON for the <c>$return</c> output after <see cref="RunEventsAsync"/>, or empty for none.</summary>
    public ReadOnlyMemory<byte> ReturnValue { get; private set; }

    /// <summary>Lines for the host's invocation log (dropped messages, discarded results).</summary>
    public IReadOnlyList<string> Logs => _logs;

    /// <summary>Creates the dispatcher of one invocation.</summary>
    /// <param name="invoker">The app's invoker.</param>
    /// <param name="binding">The invoked function's bindings.</param>
    /// <returns>The dispatcher.</returns>
    public static AzureTriggerDispatcher Create(FunctionInvoker invoker, AzureBindings binding)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(binding);
        return new AzureTriggerDispatcher(invoker, binding);
    }

    /// <summary>Adds a line to <see cref="Logs"/>.</summary>
    /// <param name="line">The line.</param>
    public void Log(string line) => _logs.Add(line);

    /// <summary>Invokes an HTTP-triggered function: routed by path, or CloudEvents for an event function.</summary>
    /// <param name="request">The request, its path without the route prefix.</param>
    /// <param name="options">The invocation settings.</param>
    /// <returns>The response; a problem response for malformed CloudEvents or a failed function.</returns>
    public Task<FunctionResponse> InvokeHttpAsync(FunctionRequest request, InvocationOptions options) =>
        _binding.IsCloudEventOverHttp
            ? RunCloudEventsOverHttpAsync(request, options)

            // Route by path (the host matched the same route) so route values are filled.
            : _invoker.InvokeHttpAsync(request, options);

    /// <summary>Invokes the function per event, in order; sets <see cref="ReturnValue"/> and logs drops.</summary>
    /// <param name="events">The trigger's events (see <see cref="AzureEventMapper.ToEvents"/>).</param>
    /// <param name="options">The invocation settings.</param>
    /// <returns>A failure response when the invocation must not be acknowledged (the host then retries it), else <see langword="null"/>.</returns>
    public async Task<FunctionResponse?> RunEventsAsync(IReadOnlyList<CloudEvent> events, InvocationOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        var messages = new BatchMessage[events.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = BatchMessage.Of(events[i].Id, events[i], message: AzureMessageTelemetry.Message(_binding, events[i], events.Count));
        }

        // The host settles an invocation, not a message: the first retry fails it and every message is
        // redelivered, so the rest are not run. Also for a message no function can take
        // (UndeliverableEvents = Fail, the default): the trigger retries it, then moves it to the poison
        // queue / dead-letter queue.
        var batch = await _invoker.InvokeBatchAsync(messages, BatchOrdering.Ordered, options.WithTarget(_binding.Function).WithTrigger(AzureMessageTelemetry.Trigger(_binding))).ConfigureAwait(false);
        if (batch.FirstRetry is { } retry)
        {
            return _invoker.ToProblemResponse(retry.Error!, options.InvocationId);
        }

        var outputs = new List<ReadOnlyMemory<byte>>(events.Count);
        foreach (var item in batch.Items)
        {
            if (item.Error is { } error)
            {
                Log($"Message {item.Id} dropped ({error.StatusCode} {error.Title}): {error.Detail}");
            }
            else if (item.Reply is { } reply)
            {
                outputs.Add(CloudEventJson.Serialize(reply));
            }
            else if (!item.Output.IsEmpty)
            {
                outputs.Add(item.Output);
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
            return _invoker.RejectInvocation(problem, options);
        }

        CloudEvent? lastReply = null;
        foreach (var cloudEvent in events)
        {
            var invocation = await _invoker.InvokeEventAsync(cloudEvent, options.WithTarget(_binding.Function)).ConfigureAwait(false);
            if (invocation.Error is { } error && invocation.StatusCode >= 400)
            {
                return _invoker.ToProblemResponse(error, options.InvocationId);
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

        if (_binding.OutputType is null)
        {
            Log($"{outputs.Count} result(s) discarded: function '{_binding.Function.Name}' has no Azure output binding (see AzureQueueOutput).");
            return;
        }

        if (!_binding.IsBatch)
        {
            ReturnValue = outputs[0];
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

        ReturnValue = buffer.WrittenMemory;
    }
}
