namespace Portable.Functions.Hosting;

/// <summary>
/// Runs one native invocation of a platform through its adapter's real mapping and the app's pipeline,
/// without a server or a socket, and returns the native answer: the in-process counterpart of what the
/// platform sends the running host. An adapter's <c>builder.UseXxx()</c> registers its invoker as a
/// service factory, so nothing of it is built unless a test (or a tool) resolves it; the start path and
/// the warm path do not use it. The test host of <c>Portable.Functions.Testing</c> finds it by
/// <see cref="Platform"/>.
/// </summary>
public interface INativeInvoker
{
    /// <summary>The platform's name (lower case, e.g. <c>aws</c>, <c>gcp</c>, <c>knative</c>, <c>azure</c>, <c>openfaas</c>, <c>openwhisk</c>).</summary>
    string Platform { get; }

    /// <summary>
    /// Maps <paramref name="request"/> as the platform's host would, invokes the app, and maps the result
    /// back. HTTP-fronted platforms run the host's request delegate on an in-memory HTTP context (health
    /// paths, limits and routing included); others (AWS) take the payload the platform delivers and return
    /// what the host would post back. Bad input gets the answer the host gives it (a 4xx, a runtime
    /// error), never an exception.
    /// </summary>
    /// <param name="app">The app; frozen by the first call (an invalid registration throws then).</param>
    /// <param name="request">The native request.</param>
    /// <param name="cancellationToken">The platform giving up on the invocation (a client disconnect): the function's token fires.</param>
    /// <returns>The native answer.</returns>
    /// <exception cref="InvalidOperationException">The app's registrations are invalid, or the platform's settings (e.g. a function target) do not resolve.</exception>
    Task<NativeResponse> InvokeAsync(FunctionApp app, NativeRequest request, CancellationToken cancellationToken = default);
}
