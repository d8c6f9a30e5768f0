using Microsoft.CodeAnalysis;

namespace Portable.Functions.Generators;

/// <summary>
/// What the generator learned about one call to a Delegate Map* overload: either the interceptor's
/// source (with <see cref="NameMarker"/> where its method name goes) or the error that stops it.
/// Value equality lets the incremental pipeline skip unchanged calls.
/// </summary>
internal sealed record MapCall(string? InterceptorSource, Diagnostic? Error)
{
    /// <summary>Replaced by a unique method name once all calls are collected.</summary>
    public const string NameMarker = "__PF_INTERCEPTOR_NAME__";
}
