using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// Turns one Lambda event into invoker calls and one result: HTTP sources through
/// <see cref="FunctionInvoker.InvokeHttpAsync(FunctionRequest, InvocationOptions?)"/> and back to their
/// native shape, records through <see cref="FunctionInvoker.InvokeEventAsync(CloudEvent, InvocationOptions?)"/>,
/// anything else to a typed function as plain JSON (direct Invoke).
/// </summary>
/// <remarks>Never throws for bad input: malformed JSON and unknown shapes become <c>Runtime.*</c> errors.</remarks>
internal sealed class AwsEventDispatcher
{
    /// <summary>Lambda's synchronous invoke payload limit (6 MB, as the Runtime API counts it).</summary>
    internal const int MaxEventBytes = 6 * 1024 * 1024;

    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 128 };

    private readonly FunctionInvoker _invoker;
    private readonly FunctionDescriptor? _target;
    private readonly FunctionDescriptor? _typedTarget;
    private readonly AwsRecordProcessor _records;

    /// <param name="app">The app.</param>
    /// <param name="handler">The <c>_HANDLER</c> value: a function name selects that function; anything else (the
    /// assembly name on the managed runtime, <c>bootstrap</c>) keeps routing by path and event type.</param>
    public AwsEventDispatcher(FunctionApp app, string? handler)
    {
        _invoker = app.Freeze(servedFunction: handler);
        _target = string.IsNullOrEmpty(handler) ? null : _invoker.FindByName(handler);
        var typed = app.Functions.Where(f => f.Kind == FunctionKind.Typed).ToList();
        _typedTarget = _target is not null
            ? (_target.Kind == FunctionKind.Typed ? _target : null)
            : (typed.Count == 1 ? typed[0] : null);
        _records = new AwsRecordProcessor(_invoker, _target is { Kind: FunctionKind.Event } ? _target : null);
    }

    /// <summary>The function <c>_HANDLER</c> selected, if any.</summary>
    public FunctionDescriptor? Target => _target;

    /// <summary>
    /// When true (the default), plain single-value ALB events and SQS batches are read in one forward
    /// pass instead of through a <see cref="JsonDocument"/>; false sends every event through the document
    /// route (tests compare both).
    /// </summary>
    internal bool UseOnePassReaders { get; init; } = true;

    /// <summary>When true, Function URL responses with a streamed body are sent with Lambda response streaming.</summary>
    public bool StreamFunctionUrlResponses { get; init; }

    public async Task<AwsResult> DispatchAsync(AwsInvocation invocation, InvocationOptions options)
    {
        if (invocation.Event.Length > MaxEventBytes)
        {
            return AwsResult.RuntimeError(
                "EventTooLarge",
                $"The event is {invocation.Event.Length} bytes, over Lambda's 6 MB invoke payload limit ({MaxEventBytes} bytes); it was not dispatched.");
        }

        // JsonDocument checks structure, not the UTF-8 inside strings (reading one later throws), so the
        // whole event is checked once up front: vectorised, and JSON text must be UTF-8 anyway.
        if (!System.Text.Unicode.Utf8.IsValid(invocation.Event.Span))
        {
            return AwsResult.RuntimeError("InvalidEvent", "The event is not valid UTF-8.");
        }

        // RFC 8259 §8.1 lets a parser ignore a leading byte-order mark; JsonDocument does not.
        var json = invocation.Event.Span.StartsWith("\uFEFF"u8) ? invocation.Event[3..] : invocation.Event;
        if (UseOnePassReaders)
        {
            // The two most frequent warm shapes are read in one forward pass, without a document; each
            // reader gives up on anything unusual and the event then takes the document route below.
            if (AlbEventReader.TryRead(json.Span, out var albRequest))
            {
                return await DispatchHttpAsync(albRequest!, HttpEventKind.AlbSingleValue, options).ConfigureAwait(false);
            }

            if (SqsBatchReader.TryRead(json) is { } records)
            {
                return await _records.ProcessSqsAsync(records, options).ConfigureAwait(false);
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_documentOptions);
        }
        catch (JsonException exception)
        {
            return AwsResult.RuntimeError("InvalidEvent", $"The event is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var shape = EventShapeDetector.Detect(root);
            switch (shape)
            {
                case EventShape.RestApi or EventShape.HttpApi or EventShape.FunctionUrl or EventShape.Alb:
                    return await DispatchHttpAsync(root, shape, options).ConfigureAwait(false);
                case EventShape.Unknown:
                    return await DispatchJsonAsync(invocation, options).ConfigureAwait(false);
                default:
                    return await _records.ProcessAsync(shape, root, options).ConfigureAwait(false);
            }
        }
    }

    private async Task<AwsResult> DispatchHttpAsync(JsonElement root, EventShape shape, InvocationOptions options)
    {
        if (_target is { Kind: FunctionKind.Event })
        {
            return AwsResult.RuntimeError("HandlerMismatch", $"_HANDLER selects event function '{_target.Name}' but the event is an HTTP request.");
        }

        var kind = shape switch
        {
            EventShape.RestApi => HttpEventKind.RestApi,
            EventShape.HttpApi => HttpEventKind.HttpApi,
            EventShape.FunctionUrl => HttpEventKind.FunctionUrl,
            _ => root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object ? HttpEventKind.AlbMultiValue : HttpEventKind.AlbSingleValue,
        };

        FunctionRequest request;
        try
        {
            request = kind is HttpEventKind.HttpApi or HttpEventKind.FunctionUrl
                ? AwsHttpMapper.FromHttpApi(HttpEventReader.ReadHttpApi(root))
                : AwsHttpMapper.FromProxy(HttpEventReader.ReadProxy(root), isAlb: shape == EventShape.Alb);
        }
        catch (FunctionProblemException problem)
        {
            // The caller sent something unusable: answer 400 in the source's own shape, never crash.
            var rejected = _invoker.RejectInvocation(problem, options);
            return AwsResult.Success(await AwsHttpMapper.ToPayloadAsync(rejected, kind, "GET", CancellationToken.None).ConfigureAwait(false));
        }

        return await InvokeHttpAsync(request, kind, options).ConfigureAwait(false);
    }

    /// <summary>An HTTP event already mapped by a one-pass reader.</summary>
    private Task<AwsResult> DispatchHttpAsync(FunctionRequest request, HttpEventKind kind, InvocationOptions options) =>
        _target is { Kind: FunctionKind.Event }
            ? Task.FromResult(AwsResult.RuntimeError("HandlerMismatch", $"_HANDLER selects event function '{_target.Name}' but the event is an HTTP request."))
            : InvokeHttpAsync(request, kind, options);

    private async Task<AwsResult> InvokeHttpAsync(FunctionRequest request, HttpEventKind kind, InvocationOptions options)
    {
        var response = await _invoker.InvokeHttpAsync(request, options.WithTarget(_target)).ConfigureAwait(false);
        if (kind == HttpEventKind.FunctionUrl && StreamFunctionUrlResponses && response.Body.IsStreamed)
        {
            return AwsResult.Streamed(response);
        }

        if (!response.Body.IsStreamed)
        {
            // A buffered body is already in memory: no deadline timer needed to collect it.
            return AwsResult.Success(await AwsHttpMapper.ToPayloadAsync(response, kind, request.Method, CancellationToken.None).ConfigureAwait(false));
        }

        using var cancellation = new CancellationTokenSource(RemainingOrDefault(options));
        return AwsResult.Success(await AwsHttpMapper.ToPayloadAsync(response, kind, request.Method, cancellation.Token).ConfigureAwait(false));
    }

    private async Task<AwsResult> DispatchJsonAsync(AwsInvocation invocation, InvocationOptions options)
    {
        if (_typedTarget is null)
        {
            return AwsResult.RuntimeError(
                "UnknownEventShape",
                "The event is not an API Gateway, Function URL, ALB, SQS, SNS, S3, EventBridge, Kinesis, DynamoDB or CloudEvent payload, and no typed function takes plain JSON (set _HANDLER to one).");
        }

        var result = await _invoker.InvokeJsonAsync(_typedTarget, invocation.Event, options).ConfigureAwait(false);
        return result.Error is { } error
            ? AwsResult.FunctionError(error.ErrorType, error.Detail ?? error.Title)
            : AwsResult.Success(result.Output);
    }

    private static TimeSpan RemainingOrDefault(InvocationOptions options)
    {
        var left = (options.Deadline ?? DateTimeOffset.UtcNow.AddMinutes(15)) - DateTimeOffset.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }
}
