namespace Portable.Benchmarks.Baselines;

/// <summary>An SQS batch event as a hand-written POCO.</summary>
public sealed class SqsEvent
{
    public List<SqsMessage>? Records { get; init; }
}
