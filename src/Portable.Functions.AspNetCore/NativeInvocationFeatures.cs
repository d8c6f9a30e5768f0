using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// The features of an in-memory context of <see cref="HttpNativeInvoker"/>, carrying the caller's
/// deadline, read by <see cref="FunctionHttpContextExtensions.CreateInvocationOptions"/>. A served request
/// never has it (the platforms behind Kestrel give no per-request deadline): a type test on the
/// collection tells, where a feature lookup would search the collection on every request.
/// </summary>
internal sealed class NativeInvocationFeatures : FeatureCollection
{
    /// <summary>Creates the features a <see cref="DefaultHttpContext"/> starts with, and the deadline.</summary>
    public NativeInvocationFeatures(DateTimeOffset? deadline)
    {
        Deadline = deadline;
        Set<IHttpRequestFeature>(new HttpRequestFeature());
        Set<IHttpResponseFeature>(new HttpResponseFeature());
        Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
    }

    /// <summary>The caller's deadline, when it gave one.</summary>
    public DateTimeOffset? Deadline { get; }
}
