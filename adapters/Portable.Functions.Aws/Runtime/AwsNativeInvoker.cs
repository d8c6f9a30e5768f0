using System.Globalization;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// The in-memory <see cref="INativeInvoker"/> of the Lambda host: the request is what <c>/next</c> hands out
/// (the event as the body, the <c>Lambda-Runtime-*</c> headers), the answer what the loop would post: 200
/// with the response JSON, or 200 with the error JSON and <c>Lambda-Runtime-Function-Error-Type</c>. The
/// same dispatcher and options as the loop; Function URL responses are always buffered (no response
/// streaming in memory). Built only when resolved.
/// </summary>
internal sealed class AwsNativeInvoker(AwsOptions options) : INativeInvoker
{
    private readonly Lock _lock = new();
    private FunctionApp? _app;
    private AwsRuntimeLoop? _loop;
    private AwsEventDispatcher? _dispatcher;

    public string Platform => "aws";

    public async Task<NativeResponse> InvokeAsync(FunctionApp app, NativeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(request);
        var (loop, dispatcher) = State(app);
        var headers = request.Headers;
        var invocation = new AwsInvocation
        {
            RequestId = headers.GetFirst(RuntimeApiHeaders.RequestId) is { Length: > 0 } id ? id : Guid.NewGuid().ToString(),
            Deadline = request.Deadline ?? (long.TryParse(headers.GetFirst(RuntimeApiHeaders.DeadlineMs), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null),
            FunctionArn = headers.GetFirst(RuntimeApiHeaders.FunctionArn),
            TraceId = headers.GetFirst(RuntimeApiHeaders.TraceId),
            ClientContext = headers.GetFirst(RuntimeApiHeaders.ClientContext),
            CognitoIdentity = headers.GetFirst(RuntimeApiHeaders.CognitoIdentity),
            TenantId = headers.GetFirst(RuntimeApiHeaders.TenantId),
            Event = request.Body,
        };

        AwsInvocationScope.Current = invocation;
        var result = await loop.DispatchAsync(dispatcher, invocation, cancellationToken).ConfigureAwait(false);
        var answer = new HeaderCollection();
        answer.Add(RuntimeApiHeaders.RequestId, invocation.RequestId);
        answer.Add("Content-Type", "application/json");
        if (result.Error is { } error)
        {
            answer.Add(RuntimeApiHeaders.FunctionErrorType, result.ErrorTypeHeader);
            return new NativeResponse(200, answer, JsonSerializer.SerializeToUtf8Bytes(error, AwsJsonContext.Default.AwsError));
        }

        return new NativeResponse(200, answer, result.Payload);
    }

    private (AwsRuntimeLoop Loop, AwsEventDispatcher Dispatcher) State(FunctionApp app)
    {
        lock (_lock)
        {
            if (_loop is null || _dispatcher is null || !ReferenceEquals(_app, app))
            {
                _dispatcher = new AwsEventDispatcher(app, options.Handler ?? app.Configuration["_HANDLER"]);
                _loop = new AwsRuntimeLoop(app, options);
                _app = app;
            }

            return (_loop, _dispatcher);
        }
    }
}
