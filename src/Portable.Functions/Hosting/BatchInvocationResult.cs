namespace Portable.Functions.Hosting;

/// <summary>
/// The result of <see cref="FunctionInvoker.InvokeBatchAsync"/>: one <see cref="BatchItemResult"/> per
/// message, in the batch's order. An adapter only translates it into its platform's answer (AWS
/// <c>batchItemFailures</c>, an Azure invocation failure, a push-delivery status code).
/// </summary>
public sealed class BatchInvocationResult
{
    internal BatchInvocationResult(IReadOnlyList<BatchItemResult> items)
    {
        Items = items;
        FirstRetry = items.FirstOrDefault(static item => item.Outcome == EventOutcome.Retry);
    }

    /// <summary>Every message's result, in the batch's order.</summary>
    public IReadOnlyList<BatchItemResult> Items { get; }

    /// <summary>The first message that must not be acknowledged, or <see langword="null"/> when every message may be.</summary>
    public BatchItemResult? FirstRetry { get; }

    /// <summary>True when some message must not be acknowledged.</summary>
    public bool HasRetries => FirstRetry is not null;

    /// <summary>The messages that must not be acknowledged, in order.</summary>
    /// <returns>The retried items.</returns>
    public IEnumerable<BatchItemResult> Retries() => Items.Where(static item => item.Outcome == EventOutcome.Retry);
}
