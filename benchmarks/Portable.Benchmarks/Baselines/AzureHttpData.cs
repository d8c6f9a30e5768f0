namespace Portable.Benchmarks.Baselines;

/// <summary>The <c>Data</c> of an HTTP-triggered custom-handler invocation: the trigger named <c>req</c>.</summary>
public sealed class AzureHttpData
{
    public AzureHttpRequest? Req { get; init; }
}
