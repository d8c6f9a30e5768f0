using Microsoft.AspNetCore.Http;
using Portable.Functions.AspNetCore;
using Portable.Functions.Hosting;

namespace Portable.Functions.Knative;

/// <summary>
/// Knative's part of a request, after the bridge's health paths and concurrency limit: the CloudEvents
/// webhook handshake, CloudEvents (binary, structured, batch) to event functions, everything else to
/// HTTP routing.
/// </summary>
internal sealed class KnativeHttpMapper(FunctionApp app, PlatformInfo platform, CancellationToken drainExpired)
{
    private readonly FunctionInvoker _invoker = app.Freeze();

    public Task HandleAsync(HttpContext http)
    {
        // A function that answers synchronously (most GET handlers) is written back without an async
        // state machine; every failure still comes back in the task.
        try
        {
            if (http.TryAnswerWebhookHandshake())
            {
                return Task.CompletedTask;
            }

            var request = http.ReadFunctionRequest();
            var options = http.CreateInvocationOptions(platform, drainExpired);
            var invocation = request.Method == "POST" && _invoker.HasEventFunctions && CloudEventHttp.IsCloudEvent(request) && !_invoker.HasHttpRoute(request.Path)
                ? _invoker.InvokeCloudEventsAsync(request, options, app.Options.MaxRequestBodySize)
                : _invoker.InvokeHttpAsync(request, options);
            return http.WriteFunctionResponseAsync(invocation, app.Logger);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    /// <summary>The platform: <c>knative</c> when <c>K_SERVICE</c> is set, else <c>local</c>, unless named.</summary>
    public static PlatformInfo CreatePlatform(FunctionApp app, string? name) => PlatformEnvironment.Read(
        name ?? (string.IsNullOrEmpty(app.Configuration["K_SERVICE"]) ? "local" : "knative"), app.Configuration, null, "K_SERVICE", "K_REVISION", "K_CONFIGURATION");
}
