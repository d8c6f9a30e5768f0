using Portable.Functions.Hosting;

namespace Portable.Functions.Knative;

/// <summary>The fallback host: Kestrel, serving until SIGTERM.</summary>
internal sealed class KnativeHost(KnativeOptions options) : IFunctionHost
{
    public string Name => "knative";

    public bool IsFallback => true;

    public bool IsActive(FunctionApp app) => true;

    public async Task RunAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        await using var server = await KnativeServer.StartAsync(app, options, cancellationToken).ConfigureAwait(false);
        await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }
}
