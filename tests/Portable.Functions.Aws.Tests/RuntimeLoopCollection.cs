namespace Portable.Functions.Aws.Tests;

/// <summary>
/// Tests that run the real loop share one collection: the loop sets the process-wide
/// <c>_X_AMZN_TRACE_ID</c> on every invoke, so two loops in parallel would race on it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RuntimeLoopCollection
{
    public const string Name = "Lambda runtime loop";
}
