using System.Diagnostics;

namespace Portable.Benchmarks.ColdStart;

/// <summary>One queued invoke of the fake Runtime API and how it ended.</summary>
internal sealed class LambdaInvocation(string requestId, byte[] payload)
{
    private readonly TaskCompletionSource<(long Timestamp, string Body)> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RequestId { get; } = requestId;

    public byte[] Payload { get; } = payload;

    /// <summary>Set when <c>/next</c> handed the event out; guarded by the API's lock.</summary>
    public bool Delivered { get; set; }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp and body of the response POST; faults on an error POST.</summary>
    public Task<(long Timestamp, string Body)> Response => _response.Task;

    public bool IsAnswered => _response.Task.IsCompleted;

    public void Answer(string body) => _response.TrySetResult((Stopwatch.GetTimestamp(), body));

    public void Fail(string what) => _response.TrySetException(new ProbeFailedException(what));
}
