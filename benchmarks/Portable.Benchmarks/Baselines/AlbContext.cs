namespace Portable.Benchmarks.Baselines;

/// <summary>The <c>requestContext</c> of an ALB event.</summary>
public sealed class AlbContext
{
    public Dictionary<string, string>? Elb { get; init; }
}
