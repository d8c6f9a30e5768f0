namespace Portable.Functions.Hosting;

/// <summary>
/// Reads the parts of a native request that most invocations never look at (the body stream, the
/// caller's address, the abort token) when they are first asked for instead of when the request is
/// mapped: each one is a lookup on the native request (an ASP.NET Core feature), and the caller's
/// address a string made per request. One instance serves every request of its kind; the native
/// request is passed in.
/// </summary>
/// <remarks>
/// Internal to the SDK's own bridges (ASP.NET Core): the request stays readable only while the
/// invocation runs, which holds for the body anyway and for the rest under the bridge's contract that
/// an invocation ends before its native request does.
/// </remarks>
internal abstract class NativeRequestReader
{
    /// <summary>The request body; <see cref="Stream.Null"/> when the request has none.</summary>
    public abstract Stream ReadBody(object native);

    /// <summary>The caller's IP address, when the platform knows it.</summary>
    public abstract string? ReadRemoteIpAddress(object native);

    /// <summary>The token that fires when the platform gives up on the request (a client disconnect).</summary>
    public abstract CancellationToken ReadAborted(object native);
}
