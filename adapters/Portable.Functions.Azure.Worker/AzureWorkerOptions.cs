using Microsoft.Extensions.Hosting;

namespace Portable.Functions.Azure.Worker;

/// <summary>Settings of the Azure Functions isolated worker host.</summary>
public sealed class AzureWorkerOptions
{
    /// <summary>
    /// The host's HTTP route prefix (<c>extensions.http.routePrefix</c> in your <c>host.json</c>),
    /// stripped from request URLs before routing. Default <c>api</c>.
    /// </summary>
    public string RoutePrefix { get; set; } = "api";

    /// <summary>Extra configuration of the worker's generic host (services, logging, middleware).</summary>
    public Action<IHostBuilder>? ConfigureHost { get; set; }
}
