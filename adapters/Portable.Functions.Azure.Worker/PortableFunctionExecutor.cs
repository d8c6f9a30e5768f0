using Microsoft.Azure.Functions.Worker;
using WorkerContext = Microsoft.Azure.Functions.Worker.FunctionContext;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Azure.Functions.Worker.Invocation;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Azure.Worker;

/// <summary>
/// Runs the portable function named by the worker's <see cref="WorkerContext"/>, in place of the
/// worker's reflection or source-generated executor. HTTP: <see cref="HttpRequestData"/> in,
/// <see cref="HttpResponseData"/> as the invocation result (<c>$return</c>). Other triggers: the input
/// and trigger metadata become CloudEvents (the same mapping as the custom-handler mode); a retryable
/// failure throws, so the host's retry rules apply, and drops are logged.
/// </summary>
internal sealed class PortableFunctionExecutor : IFunctionExecutor
{
    private readonly FunctionApp _app;
    private readonly FunctionInvoker _invoker;
    private readonly AzureWorkerOptions _options;
    private readonly Dictionary<string, AzureBindings> _bindings;
    private readonly PlatformInfo _platform;

    public PortableFunctionExecutor(FunctionApp app, AzureWorkerOptions options)
    {
        _app = app;
        _invoker = app.Freeze();
        _options = options;
        _bindings = app.Functions.ToDictionary(f => f.Name, AzureBindings.For, StringComparer.OrdinalIgnoreCase);
        _platform = PlatformEnvironment.Read("azure", app.Configuration, "isolated-worker", "WEBSITE_SITE_NAME", "WEBSITE_INSTANCE_ID");
    }

    public async ValueTask ExecuteAsync(WorkerContext context)
    {
        var binding = Find(context);
        if (binding.IsHttp)
        {
            var request = await context.GetHttpRequestDataAsync().ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Function '{binding.Function.Name}' was invoked without HTTP request data.");
            context.GetInvocationResult().Value = await InvokeHttpAsync(context, request).ConfigureAwait(false);
            return;
        }

        // The entry point has an `object? input` parameter, so the worker's converters hand over the raw
        // input (string, bytes or a collection) for the trigger binding of that name.
        var trigger = context.FunctionDefinition.InputBindings.TryGetValue(binding.TriggerName, out var metadata)
            ? metadata
            : throw new InvalidOperationException($"Function '{binding.Function.Name}' has no '{binding.TriggerName}' input binding.");
        var input = await context.BindInputAsync<object>(trigger).ConfigureAwait(false);
        if (await InvokeTriggerAsync(context, input, context.BindingContext.BindingData).ConfigureAwait(false) is { } output)
        {
            context.GetInvocationResult().Value = output;
        }
    }

    /// <summary>Maps and invokes an HTTP-triggered function; the seam tests drive with fakes.</summary>
    internal async Task<HttpResponseData> InvokeHttpAsync(WorkerContext context, HttpRequestData native)
    {
        var binding = Find(context);
        var request = AzureWorkerHttpMapper.ToRequest(native, _options.RoutePrefix);
        var dispatcher = AzureTriggerDispatcher.Create(_invoker, binding);
        var response = await dispatcher.InvokeHttpAsync(request, Options(context, null)).ConfigureAwait(false);
        return await AzureWorkerHttpMapper.ToResponseAsync(response, native, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Maps and invokes a non-HTTP trigger; returns the <c>$return</c> value (JSON text) or
    /// <see langword="null"/>. Throws when the invocation must be retried or the input is malformed.
    /// </summary>
    internal async Task<string?> InvokeTriggerAsync(WorkerContext context, object? input, IReadOnlyDictionary<string, object?> metadata)
    {
        var binding = Find(context);
        using var payload = AzureWorkerTriggerPayload.Create(input, metadata);
        var value = payload.RootElement.GetProperty("value");
        var meta = payload.RootElement.GetProperty("metadata");
        var events = AzureEventMapper.ToEvents(binding, value, meta, context.InvocationId);
        var dispatcher = AzureTriggerDispatcher.Create(_invoker, binding);
        var attempt = AzureEventMapper.DeliveryAttempt(binding, meta);
        var failure = await dispatcher.RunEventsAsync(events, Options(context, attempt)).ConfigureAwait(false);
        foreach (var line in dispatcher.Logs)
        {
            _app.Logger.LogInformation("{Function} [{InvocationId}] {Line}", binding.Function.Name, context.InvocationId, line);
        }

        if (failure is not null)
        {
            // The worker reports the exception as a failed invocation; the host's retry rules take over.
            throw new InvalidOperationException($"Function '{binding.Function.Name}' failed with {failure.StatusCode}; the host will retry the input per its retry policy.");
        }

        return dispatcher.ReturnValue.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(dispatcher.ReturnValue.Span);
    }

    private AzureBindings Find(WorkerContext context) =>
        _bindings.TryGetValue(context.FunctionDefinition.Name, out var binding)
            ? binding
            : throw new InvalidOperationException($"'{context.FunctionDefinition.Name}' is not a registered portable function.");

    private InvocationOptions Options(WorkerContext context, int? deliveryAttempt) => new()
    {
        Platform = _platform,
        InvocationId = context.InvocationId,
        Aborted = context.CancellationToken,
        TraceParent = string.IsNullOrEmpty(context.TraceContext?.TraceParent) ? null : context.TraceContext.TraceParent,
        TraceState = string.IsNullOrEmpty(context.TraceContext?.TraceState) ? null : context.TraceContext.TraceState,

        // RetryContext is set only under a host retry policy; RetryCount starts at 0.
        DeliveryAttempt = deliveryAttempt ?? (context.RetryContext is { } retry ? retry.RetryCount + 1 : null),
        NativeRequest = context,
    };
}
