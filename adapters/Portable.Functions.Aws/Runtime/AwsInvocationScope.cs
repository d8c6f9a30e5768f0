namespace Portable.Functions.Aws;

/// <summary>
/// The Lambda invocation the current async flow is serving, from the moment <c>/next</c> handed it out
/// until its result is posted. The log format reads it for lines written outside the pipeline (before
/// routing, after the function answered), so under Lambda Managed Instances, where several invocations
/// run at once in one process, every line carries its own invocation's request id and trace header.
/// </summary>
/// <remarks>
/// An <see cref="AsyncLocal{T}"/>, not a process-wide field or environment variable: each runtime loop
/// sets it inside its own async method, so the value flows into everything that invocation awaits and
/// is restored when the method returns.
/// </remarks>
internal static class AwsInvocationScope
{
    private static readonly AsyncLocal<AwsInvocation?> s_current = new();

    /// <summary>The invocation of the current async flow, or <see langword="null"/> outside one.</summary>
    public static AwsInvocation? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }
}
