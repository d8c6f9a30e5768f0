namespace Portable.Functions.Hosting;

/// <content>The one batch loop every adapter uses: success / retry / drop per message.</content>
public sealed partial class FunctionInvoker
{
    /// <summary>
    /// Invokes a batch of messages one by one and settles each: a CloudEvent goes to the event function
    /// for its type (or to <see cref="InvocationOptions.Target"/>; a typed target gets the event's data as
    /// JSON input), a message that could not be mapped is rejected (logged once) and settled like input
    /// no function can take. With <see cref="BatchOrdering.Ordered"/>, the messages after the first retry
    /// are not invoked and count as retry.
    /// </summary>
    /// <param name="messages">The batch, in the platform's order.</param>
    /// <param name="ordering">Whether a retry stops the rest of the batch.</param>
    /// <param name="options">What the adapter knows about the invocation; each message's
    /// <see cref="BatchMessage.DeliveryAttempt"/> and <see cref="BatchMessage.Message"/> replace
    /// <see cref="InvocationOptions.DeliveryAttempt"/> and <see cref="InvocationOptions.Message"/> for it.</param>
    /// <returns>One result per message, in order. Never throws for a message's failure: a handler
    /// exception, a deadline, an unknown type or unreadable data is that message's
    /// <see cref="EventOutcome.Retry"/> (or <see cref="EventOutcome.Drop"/> by
    /// <see cref="FunctionOptions.UndeliverableEvents"/> and <see cref="DropEventException"/>).</returns>
    /// <exception cref="ArgumentException">The target is an HTTP function.</exception>
    public async Task<BatchInvocationResult> InvokeBatchAsync(IReadOnlyList<BatchMessage> messages, BatchOrdering ordering, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= s_defaultOptions;
        if (options.Target is { Kind: FunctionKind.Http } http)
        {
            throw new ArgumentException($"Function '{http.Name}' is an HTTP function.", nameof(options));
        }

        var items = new BatchItemResult[messages.Count];
        var stopped = false;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            items[i] = stopped
                ? new BatchItemResult(message, EventOutcome.Retry, invoked: false, null, default, null)
                : await InvokeMessageAsync(message, options).ConfigureAwait(false);
            stopped = ordering == BatchOrdering.Ordered && items[i].Outcome == EventOutcome.Retry;
        }

        return new BatchInvocationResult(items);
    }

    /// <summary>
    /// One message of a batch. A <see cref="ValueTask{TResult}"/> all the way down: a message whose function
    /// finishes synchronously (the common case for a queue handler) costs no task, and the message's
    /// <see cref="BatchMessage.Message"/> and <see cref="BatchMessage.DeliveryAttempt"/> reach the context
    /// without a copy of the options.
    /// </summary>
    private async ValueTask<BatchItemResult> InvokeMessageAsync(BatchMessage message, InvocationOptions options)
    {
        if (message.Event is not { } cloudEvent)
        {
            _ = Reject(message.Problem!, options.InvocationId);
            var unreadable = ErrorMapper.FromProblem(message.Problem!);
            return new BatchItemResult(message, SettleFailedMessage(unreadable), invoked: false, null, default, unreadable);
        }

        // As InvocationOptions.WithMessage would copy them: the message's own facts, else the options'.
        var facts = message.Message ?? options.Message;
        var attempt = message.DeliveryAttempt ?? options.DeliveryAttempt;
        if (options.Target is { Kind: FunctionKind.Typed } typed)
        {
            var json = await InvokeJsonCoreAsync(typed, cloudEvent.Data, options, facts, attempt).ConfigureAwait(false);
            return json.Error is { } error
                ? new BatchItemResult(message, SettleFailedMessage(error), invoked: true, null, default, error)
                : new BatchItemResult(message, EventOutcome.Success, invoked: true, null, json.Output, null);
        }

        var result = await InvokeEventCoreAsync(cloudEvent, options, facts, attempt).ConfigureAwait(false);
        return new BatchItemResult(message, result.Outcome, invoked: true, result.Reply, default, result.Error);
    }
}
