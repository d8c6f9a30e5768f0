using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;
using Portable.Functions.OpenWhisk.Protocol;

namespace Portable.Functions.OpenWhisk;

/// <summary>
/// The action interface (apache/openwhisk docs/actions-new.md) without the HTTP server: <c>/init</c> once,
/// then any number of <c>/run</c>, each answered with one JSON object. Failures are
/// <c>{"error": problem}</c> with a non-200 status, which OpenWhisk records as an application error.
/// </summary>
internal sealed partial class OpenWhiskRuntime
{
    /// <summary>The end-of-activation marker the invoker waits for on stdout and stderr (Container.ACTIVATION_LOG_SENTINEL).</summary>
    public const string LogSentinel = "XXX_THE_END_OF_A_WHISK_ACTIVATION_XXX";

    private static readonly byte[] s_ok = """{"ok":true}"""u8.ToArray();
    private static readonly byte[] s_empty = "{}"u8.ToArray();

    private readonly FunctionApp _app;
    private readonly FunctionInvoker _invoker;
    private readonly OpenWhiskOptions _options;
    private readonly Dictionary<string, string> _processProperties;
    private readonly FunctionDescriptor? _configuredTarget;
    private readonly Lock _initGate = new();
    private FunctionDescriptor? _target;
    private volatile bool _initialized;

    public OpenWhiskRuntime(FunctionApp app, FunctionInvoker invoker, OpenWhiskOptions options)
    {
        _app = app;
        _invoker = invoker;
        _options = options;
        _processProperties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (OpenWhiskHost.ApiHost(app) is { Length: > 0 } apiHost)
        {
            _processProperties[OpenWhiskPlatformProperties.ApiHost] = apiHost;
        }

        if (options.Function is { } name)
        {
            _configuredTarget = invoker.FindByName(name) ?? throw new InvalidOperationException(
                $"OpenWhiskOptions.Function '{name}' is not a registered function. Registered: {string.Join(", ", app.Functions.Select(f => f.Name))}.");
        }
    }

    /// <summary>Where markers go: stdout and stderr unless a test replaces them.</summary>
    internal TextWriter MarkerOut { get; init; } = Console.Out;

    /// <summary>Where the stderr marker goes.</summary>
    internal TextWriter MarkerError { get; init; } = Console.Error;

    public bool IsInitialized => _initialized;

    /// <summary>The function non-web activations invoke, once initialized (null: routed by path or type).</summary>
    public FunctionDescriptor? Target => _target;

    /// <summary>
    /// <c>POST /init</c>: 200 once; 403 for every later call (as the reference action proxy refuses a
    /// re-initialization); 400 for a body that is not the documented object. The action's code is already
    /// compiled into the app, so <c>code</c> is not used; <c>env</c> is exported to the process environment
    /// as the protocol asks, and <c>main</c> / <c>name</c> can pick the target function.
    /// </summary>
    public OpenWhiskAnswer Init(ReadOnlySpan<byte> body)
    {
        lock (_initGate)
        {
            if (_initialized)
            {
                return Fail(Rejected(new FunctionProblemException(403, "Forbidden", "Cannot initialize the action more than once."), null));
            }

            InitValue value;
            try
            {
                value = JsonSerializer.Deserialize(SkipBom(body), OpenWhiskJsonContext.Default.InitRequest)?.Value ?? new InitValue();
            }
            catch (JsonException exception)
            {
                var problem = FunctionProblemException.BadRequest($"The /init body is not the documented JSON object {{\"value\": {{...}}}}: {exception.Message}");
                return Fail(Rejected(problem, null));
            }

            if (value.Env is { } env)
            {
                foreach (var (name, text) in env)
                {
                    if (name.Length > 0 && !name.Contains('=', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal))
                    {
                        Environment.SetEnvironmentVariable(name, text ?? string.Empty);
                    }
                }
            }

            _target = _configuredTarget ?? Find(value.Main) ?? Find(LastSegment(value.Name));
            _initialized = true;
            LogInitialized(_app.Logger, value.Name ?? "-", _target?.Name ?? "(routed by path or event type)", value.Code?.Length ?? 0);
            return new OpenWhiskAnswer(200, s_ok);
        }
    }

    /// <summary>
    /// <c>POST /run</c>: maps the activation, invokes, answers one JSON object, then writes the log markers.
    /// Never throws for bad input: a malformed envelope is 400 <c>{"error": ...}</c>.
    /// </summary>
    public async Task<OpenWhiskAnswer> RunAsync(ReadOnlyMemory<byte> body, CancellationToken aborted, CancellationToken hostShutdown)
    {
        try
        {
            return await RunCoreAsync(body, aborted, hostShutdown).ConfigureAwait(false);
        }
        finally
        {
            WriteMarkers();
        }
    }

    private async Task<OpenWhiskAnswer> RunCoreAsync(ReadOnlyMemory<byte> body, CancellationToken aborted, CancellationToken hostShutdown)
    {
        if (!_initialized)
        {
            // The reference proxy answers 502 to a /run before a successful /init: the container cannot run it.
            return Rejected(new FunctionProblemException(502, "Bad Gateway", "The action is not initialized: POST /init first."), null);
        }

        // JsonElement does not check the UTF-8 inside strings until they are read; the whole envelope is
        // checked once here so no function sees a half-decodable value.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return Rejected(FunctionProblemException.BadRequest("The /run body is not valid UTF-8."), null);
        }

        RunRequest run;
        try
        {
            run = JsonSerializer.Deserialize(SkipBom(body.Span), OpenWhiskJsonContext.Default.RunRequest)
                ?? throw new JsonException("The body is null.");
        }
        catch (JsonException exception)
        {
            return Rejected(FunctionProblemException.BadRequest($"The /run body is not the documented JSON object: {exception.Message}"), null);
        }

        var value = run.Value.ValueKind == JsonValueKind.Undefined ? EmptyObject() : run.Value;
        DateTimeOffset? deadline = null;
        if (run.Deadline is { } ms)
        {
            if (ms is < 0 or > 253_402_300_799_999)
            {
                return Rejected(FunctionProblemException.BadRequest("deadline must be epoch milliseconds."), run.ActivationId);
            }

            deadline = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        var web = OpenWhiskHttpMapper.IsWebAction(value);
        var activation = new OpenWhiskActivation(value, run.ActivationId, run.ActionName, run.Namespace, run.TransactionId, run.ActionVersion, run.ApiKey, deadline, web);
        var options = new InvocationOptions
        {
            Platform = CreatePlatform(run),
            InvocationId = run.ActivationId is { Length: > 0 } id ? id : null,
            Deadline = deadline,
            Aborted = aborted,
            HostShutdown = hostShutdown,
            NativeRequest = activation,
        };

        if (web)
        {
            return await RunWebAsync(value, options).ConfigureAwait(false);
        }

        if (value.ValueKind != JsonValueKind.Object && value.ValueKind != JsonValueKind.Array)
        {
            return Rejected(FunctionProblemException.BadRequest("value must be a JSON object (the action's parameters)."), options.InvocationId);
        }

        if (OpenWhiskEventMapper.IsCloudEvent(value))
        {
            CloudEvent cloudEvent;
            try
            {
                cloudEvent = OpenWhiskEventMapper.FromCloudEvent(value);
            }
            catch (FunctionProblemException problem)
            {
                return Rejected(problem, options.InvocationId);
            }

            return await RunEventAsync(cloudEvent, options.WithTarget(_target?.Kind == FunctionKind.Event ? _target : null)).ConfigureAwait(false);
        }

        switch (_target)
        {
            case { Kind: FunctionKind.Typed } typed:
                var input = JsonSerializer.SerializeToUtf8Bytes(value, OpenWhiskJsonContext.Default.JsonElement);
                var result = await _invoker.InvokeJsonAsync(typed, input, options).ConfigureAwait(false);
                return result.Error is { } error ? FromProblem(_invoker.ToProblemResponse(error, options.InvocationId)) : new OpenWhiskAnswer(200, AsObject(result.Output));
            case { Kind: FunctionKind.Event } handler:
                var parameters = OpenWhiskEventMapper.FromParameters(value, handler, options.InvocationId ?? Guid.NewGuid().ToString("N"), run.ActionName);
                return await RunEventAsync(parameters, options.WithTarget(handler)).ConfigureAwait(false);
            case { } http:
                // An HTTP function invoked without the web-action parameters: the parameters are its JSON body.
                var request = FunctionRequest.WithBody(http.Methods.Count > 0 ? http.Methods[0] : "POST", http.Route ?? "/",
                    JsonSerializer.SerializeToUtf8Bytes(value, OpenWhiskJsonContext.Default.JsonElement), new HeaderCollection { { "Content-Type", "application/json" } });
                var response = await _invoker.InvokeHttpAsync(request, options.WithTarget(http)).ConfigureAwait(false);
                return new OpenWhiskAnswer(200, await OpenWhiskHttpMapper.ToResultAsync(response, request.Method, aborted).ConfigureAwait(false));
            default:
                return Rejected(new FunctionProblemException(404, "Not Found",
                    "No function takes this activation: invoke it as a web action, send a CloudEvent, or name the function (OpenWhiskOptions.Function, the action's main, or an action named after the function)."),
                    options.InvocationId);
        }
    }

    private async Task<OpenWhiskAnswer> RunWebAsync(JsonElement value, InvocationOptions options)
    {
        // A web action always answers 200 with an HTTP result: the controller turns it into the response,
        // so client faults reach the caller as their 4xx, not as a failed activation (502).
        FunctionResponse response;
        string method = "GET";
        try
        {
            var request = OpenWhiskHttpMapper.ToRequest(value, _app.Options.MaxRequestBodySize);
            method = request.Method;
            response = await _invoker.InvokeHttpAsync(request, options.WithTarget(_target?.Kind is FunctionKind.Http or FunctionKind.Typed ? _target : null)).ConfigureAwait(false);
        }
        catch (FunctionProblemException problem)
        {
            response = _invoker.Reject(problem, options.InvocationId);
        }

        return new OpenWhiskAnswer(200, await OpenWhiskHttpMapper.ToResultAsync(response, method, options.Aborted).ConfigureAwait(false));
    }

    private async Task<OpenWhiskAnswer> RunEventAsync(CloudEvent cloudEvent, InvocationOptions options)
    {
        var result = await _invoker.InvokeEventAsync(cloudEvent, options).ConfigureAwait(false);
        if (result.Error is { } error && result.StatusCode >= 400)
        {
            return FromProblem(_invoker.ToProblemResponse(error, options.InvocationId));
        }

        // Success, or an event the Drop policy discarded (already logged): the activation succeeded.
        return new OpenWhiskAnswer(200, result.Reply is { } reply ? CloudEventJson.Serialize(reply) : s_empty);
    }

    /// <summary>Answers a request the server refused before the protocol saw it (body too large or unreadable, unknown route).</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="isRun">True for a <c>/run</c> request: it still ends with the log markers.</param>
    public OpenWhiskAnswer Refuse(FunctionProblemException problem, bool isRun)
    {
        var answer = Rejected(problem, null);
        if (isRun)
        {
            WriteMarkers();
        }

        return answer;
    }

    /// <summary>A client fault found before any function ran: logged once by the core, answered as an error object.</summary>
    private OpenWhiskAnswer Rejected(FunctionProblemException problem, string? invocationId) =>
        FromProblem(_invoker.Reject(problem, invocationId));

    /// <summary><c>{"error": &lt;the problem details object&gt;}</c> with the problem's status.</summary>
    private static OpenWhiskAnswer FromProblem(FunctionResponse problem)
    {
        problem.Body.TryGetBytes(out var bytes);
        var buffer = new ArrayBufferWriter<byte>(bytes.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("error");
            if (bytes.IsEmpty)
            {
                writer.WriteStringValue($"HTTP {problem.StatusCode.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                writer.WriteRawValue(bytes.Span);
            }

            writer.WriteEndObject();
        }

        return new OpenWhiskAnswer(problem.StatusCode, buffer.WrittenSpan.ToArray());
    }

    /// <summary>The result must be a JSON object (arrays are accepted by current invokers); other values are wrapped as <c>{"result": ...}</c>.</summary>
    private static byte[] AsObject(ReadOnlyMemory<byte> output)
    {
        var span = output.Span.TrimStart(" \t\r\n"u8);
        if (span.IsEmpty)
        {
            return s_empty;
        }

        if (span[0] is (byte)'{' or (byte)'[')
        {
            return output.ToArray();
        }

        var buffer = new ArrayBufferWriter<byte>(output.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("result");
            writer.WriteRawValue(output.Span);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private OpenWhiskAnswer Fail(OpenWhiskAnswer answer)
    {
        WriteMarkers();
        return answer;
    }

    private void WriteMarkers()
    {
        if (!_options.WriteLogMarkers)
        {
            return;
        }

        // Written after the activation's own log lines (the core logs synchronously) and before the answer
        // goes out: the invoker starts collecting logs when the answer arrives and stops at the marker.
        MarkerOut.WriteLine(LogSentinel);
        MarkerOut.Flush();
        MarkerError.WriteLine(LogSentinel);
        MarkerError.Flush();
    }

    private PlatformInfo CreatePlatform(RunRequest run)
    {
        var properties = new Dictionary<string, string>(_processProperties, StringComparer.Ordinal);
        Add(properties, OpenWhiskPlatformProperties.Namespace, run.Namespace);
        Add(properties, OpenWhiskPlatformProperties.ActionName, run.ActionName);
        Add(properties, OpenWhiskPlatformProperties.ActionVersion, run.ActionVersion);
        Add(properties, OpenWhiskPlatformProperties.ActivationId, run.ActivationId);
        Add(properties, OpenWhiskPlatformProperties.TransactionId, run.TransactionId);
        Add(properties, OpenWhiskPlatformProperties.Deadline, run.Deadline?.ToString(CultureInfo.InvariantCulture));
        return new PlatformInfo("openwhisk", properties);

        static void Add(Dictionary<string, string> properties, string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                properties[key] = value;
            }
        }
    }

    private FunctionDescriptor? Find(string? name) => string.IsNullOrEmpty(name) ? null : _invoker.FindByName(name);

    private static string? LastSegment(string? name) =>
        name is null ? null : name.LastIndexOf('/') is var slash and >= 0 ? name[(slash + 1)..] : name;

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> body) =>
        body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}"u8.ToArray());
        return document.RootElement.Clone();
    }

    [LoggerMessage(30, LogLevel.Information, "Initialized action {Action}; target function {Target}. The app is compiled in: /init code ({CodeLength} chars) is not used.")]
    private static partial void LogInitialized(ILogger logger, string action, string target, int codeLength);
}
