using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure;

/// <summary>
/// The Azure custom-handler host: active when the Functions host started the app
/// (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>) or when asked to write the deployment metadata
/// (<c>--write-azure-metadata &lt;dir&gt;</c>, which writes the files and exits).
/// </summary>
internal sealed class AzureCustomHandlerHost(AzureCustomHandlerOptions options) : IFunctionHost
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Configuration key of the <c>--write-azure-metadata</c> switch.</summary>
    public const string WriteMetadataKey = "write-azure-metadata";

    public string Name => "azure-custom-handler";

    public bool IsFallback => false;

    public bool IsActive(FunctionApp app) =>
        !string.IsNullOrEmpty(app.Configuration[PortVariable]) || !string.IsNullOrEmpty(app.Configuration[WriteMetadataKey]);

    public async Task RunAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        if (app.Configuration[WriteMetadataKey] is { Length: > 0 } directory)
        {
            foreach (var path in AzureMetadataWriter.Write(app, directory, options))
            {
                app.Logger.LogInformation("Wrote {Path}", path);
            }

            return;
        }

        await using var server = await AzureCustomHandlerServer.StartAsync(app, options, cancellationToken).ConfigureAwait(false);
        await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }
}
