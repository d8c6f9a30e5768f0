using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// Invokes the app under test with one platform's native payloads, through that adapter's real mapping
/// (the <see cref="INativeInvoker"/> its <c>UseXxx()</c> registered), in memory: what a test gets back is
/// what the platform would get from the running host. Get one with <see cref="FunctionTestHost.Native"/>.
/// </summary>
public sealed class NativeClient
{
    private readonly FunctionApp _app;
    private readonly INativeInvoker _invoker;

    internal NativeClient(FunctionApp app, INativeInvoker invoker)
    {
        _app = app;
        _invoker = invoker;
    }

    /// <summary>The platform's name, as the adapter registered it.</summary>
    public string Platform => _invoker.Platform;

    /// <summary>Delivers <paramref name="request"/> as the platform would and returns the host's answer.</summary>
    /// <param name="request">The native request (see <see cref="AwsEvents"/>, <see cref="AzurePayloads"/>, <see cref="GcpEvents"/>, <see cref="KnativeEvents"/>, <see cref="OpenFaasRequests"/>, <see cref="OpenWhiskActivations"/>).</param>
    /// <param name="deadline">
    /// The invocation's deadline, over the request's own (<see cref="NativeRequest.Deadline"/>); the function's
    /// token fires at it minus the grace period and the host answers as it would on the platform (504, a
    /// Lambda error). <see langword="null"/> keeps the platform's rule (the app's timeout).
    /// </param>
    /// <param name="cancellationToken">The platform giving up (a client disconnect): fires the function's token.</param>
    /// <returns>The native answer.</returns>
    /// <exception cref="InvalidOperationException">The platform's settings do not resolve (e.g. no GCF function target).</exception>
    public async Task<NativeAnswer> InvokeAsync(NativeRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (deadline is not null)
        {
            request = new NativeRequest { Method = request.Method, Path = request.Path, Headers = request.Headers, Body = request.Body, Deadline = deadline };
        }

        return new NativeAnswer(await _invoker.InvokeAsync(_app, request, cancellationToken).ConfigureAwait(false));
    }
}
