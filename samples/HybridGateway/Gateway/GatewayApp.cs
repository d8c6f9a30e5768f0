using Microsoft.Extensions.DependencyInjection;
using Portable.Functions;

namespace HybridGateway.Gateway;

/// <summary>The gateway's functions; <c>Program.cs</c> and the tests build it here.</summary>
public static class GatewayApp
{
    // A backend answer the gateway buffers to pass on; a larger one is a 502 rather than unbounded memory.
    private const int MaxBackendResponseBytes = 1024 * 1024;

    /// <summary>Registers the backend's HTTP client and JSON metadata, builds the app and maps the functions.</summary>
    /// <param name="builder">A builder with the platform hosts added.</param>
    /// <returns>The app.</returns>
    /// <exception cref="InvalidOperationException">A <c>Backend:*</c> setting is invalid (the message names it).</exception>
    public static FunctionApp Build(FunctionAppBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var backend = BackendOptions.Read(builder.Configuration);
        builder.AddJsonContext(() => GatewayJsonContext.Default);

        // One named client from IHttpClientFactory: pooled connections reused across invocations (a warm
        // Lambda keeps them), handlers recycled for DNS changes. Each call is bounded by the invocation's
        // one token, i.e. by the function's deadline; HttpClient's own 100 s default would outlive it.
        builder.Services.AddHttpClient(BackendOptions.ClientName, client =>
            {
                client.BaseAddress = backend.BaseUrl;
                client.Timeout = backend.Timeout ?? Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = MaxBackendResponseBytes;
            })
            // A redirect from the backend is not followed to wherever it points: it is a backend fault (502).
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            // The pipeline logs each invocation once; the factory's per-request Information lines would double it.
            .RemoveAllLoggers();
        var app = builder.Build();

        // POST /reservations {"sku":"MUG-01","quantity":2} → validated here (400/413/415/422), then the backend's answer.
        app.MapPost("/reservations", async (FunctionRequest request, IHttpClientFactory clients, FunctionContext context) =>
        {
            var reservation = await ReserveRequestReader.ReadAsync(request, context.CancellationToken);
            using var message = new HttpRequestMessage(HttpMethod.Post, "reservations")
            {
                Content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(reservation, GatewayJsonContext.Default.ReserveRequest))
                {
                    Headers = { { "Content-Type", "application/json" } },
                },
            };
            return await BackendForwarder.ForwardAsync(clients.CreateClient(BackendOptions.ClientName), message, context);
        }).WithName("reserve");

        // GET /stock/MUG-01 → the backend's answer; a SKU that cannot exist is a 400 here, not a backend call.
        app.MapGet("/stock/{sku}", async (FunctionRequest request, IHttpClientFactory clients, FunctionContext context) =>
        {
            var sku = request.RouteValues["sku"];
            if (!ReserveRequestReader.IsSku(sku))
            {
                throw FunctionProblemException.BadRequest("A SKU is 3 to 32 upper-case letters, digits or '-'.");
            }

            using var message = new HttpRequestMessage(HttpMethod.Get, "stock/" + Uri.EscapeDataString(sku));
            return await BackendForwarder.ForwardAsync(clients.CreateClient(BackendOptions.ClientName), message, context);
        }).WithName("stock");

        return app;
    }
}
