namespace Portable.Functions.AspNetCore;

/// <summary>
/// The caller's deadline on an in-memory context of <see cref="HttpNativeInvoker"/>, read by
/// <see cref="FunctionHttpContextExtensions.CreateInvocationOptions"/>. A served request never carries it
/// (the platforms behind Kestrel give no per-request deadline), so the lookup finds nothing there.
/// </summary>
internal sealed class NativeDeadlineFeature(DateTimeOffset deadline)
{
    public DateTimeOffset Deadline { get; } = deadline;
}
