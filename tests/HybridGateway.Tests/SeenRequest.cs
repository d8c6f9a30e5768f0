namespace HybridGateway.Tests;

/// <summary>One request as the backend's function saw it.</summary>
internal sealed record SeenRequest(string Path, string[] TraceParents)
{
    /// <summary>Completes when the backend invocation's token fires (the gateway gave up, or its deadline).</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
