using Microsoft.AspNetCore.Http;
using Portable.Functions.AspNetCore;
using Portable.Functions.Hosting;

namespace Portable.Functions.Gcp;

/// <summary>
/// One request the Functions Framework way, after the bridge's not-found paths and concurrency limit:
/// every path goes to the target; an event target takes CloudEvents and legacy GCF events; the
/// invocation id comes from <c>Function-Execution-Id</c>, the trace from <c>X-Cloud-Trace-Context</c>
/// when there is no <c>traceparent</c>.
/// </summary>
internal sealed class GcpHttpMapper(FunctionApp app, FunctionDescriptor target, PlatformInfo platform, CancellationToken drainExpired)
{
    private const string ExecutionIdHeader = "Function-Execution-Id";

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
            var options = http.CreateInvocationOptions(
                platform,
                drainExpired,
                request.Headers.GetFirst(ExecutionIdHeader) is { Length: > 0 } id ? id : null,
                target,
                CloudTraceContext.ToTraceParent(request.Headers.GetFirst(CloudTraceContext.HeaderName)));
            var invocation = target.Kind == FunctionKind.Event
                ? InvokeEventAsync(request, options)
                : _invoker.InvokeHttpAsync(request, options);
            return http.WriteFunctionResponseAsync(invocation, app.Logger);
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }

    private async Task<FunctionResponse> InvokeEventAsync(FunctionRequest request, InvocationOptions options)
    {
        if (CloudEventHttp.IsCloudEvent(request))
        {
            // Binary mode names the event in headers; a structured or batch body is described by the core.
            options = GcpMessageTelemetry.Describe(options, request.Headers.GetFirst("ce-type"), request.Headers.GetFirst("ce-source"), request.Headers.GetFirst("ce-id"));
            return await _invoker.InvokeCloudEventsAsync(request, options, app.Options.MaxRequestBodySize).ConfigureAwait(false);
        }

        // Not a CloudEvent: a legacy GCF event envelope (Kestrel bounds the body; 413 beyond it).
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = await GcpEventMapper.ConvertAsync(request, app.Logger, options.Aborted).ConfigureAwait(false);
        }
        catch (FunctionProblemException problem)
        {
            return _invoker.RejectInvocation(problem, options);
        }

        options = GcpMessageTelemetry.Describe(options, cloudEvent.Type, cloudEvent.Source, cloudEvent.Id);
        return await _invoker.InvokeCloudEventsAsync([cloudEvent], CloudEventHttp.GetContentMode(request), options).ConfigureAwait(false);
    }
}
