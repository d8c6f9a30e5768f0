namespace Portable.Functions.Hosting;

/// <summary>
/// Something that buffers telemetry and must push it out before the platform freezes the process:
/// AWS Lambda suspends the execution environment as soon as the invocation's response is posted, so a
/// batching exporter's background timer does not run until the next invocation (or never). Register an
/// instance as a singleton service; adapters of such platforms call
/// <see cref="FunctionInvoker.FlushBeforeFreeze(DateTimeOffset?)"/> after the invocation and before
/// posting its response, which calls every registered instance.
/// </summary>
public interface IFlushBeforeFreeze
{
    /// <summary>Pushes buffered telemetry out, waiting at most <paramref name="timeout"/>; must not throw.</summary>
    /// <param name="timeout">How long the flush may block: what is left before the invocation's deadline, capped.</param>
    void Flush(TimeSpan timeout);
}
