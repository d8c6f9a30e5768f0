using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// Runs a function app in the test process with no server and no sockets: the app is built by its own
/// builder method (the one <c>Program.cs</c> calls), services can be replaced, and functions are invoked
/// through the same pipeline every platform adapter uses (routing, DI scope, middleware, JSON, error
/// mapping, deadline), so what a test sees is what a platform's caller sees once the adapter has mapped
/// the request. Log lines are captured in <see cref="Logs"/>.
/// </summary>
/// <example>
/// <code>
/// await using var host = FunctionTestHost.Create(ShopApp.Build);
/// var response = await host.GetAsync("/hello?name=Ada");
/// Assert.Equal("Hello, Ada!", response.ReadAsString());
/// </code>
/// </example>
public sealed class FunctionTestHost : IAsyncDisposable
{
    private readonly LogCapture _logs;
    private readonly FunctionInvoker _invoker;
    private readonly List<IServiceScope> _contextScopes = [];
    private int _eventCounter;

    private FunctionTestHost(FunctionApp app, LogCapture logs)
    {
        App = app;
        _logs = logs;

        // Validates every registration as a platform host does before its first request: a mistake fails
        // here, in the test, with the same message the app would stop with at start-up.
        _invoker = app.Freeze();
    }

    /// <summary>The app under test.</summary>
    public FunctionApp App { get; }

    /// <summary>The app's root services (resolve a fake you registered to inspect it).</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Every log line written since the host was created (or <see cref="ClearLogs"/>), in order.</summary>
    public IReadOnlyList<CapturedLog> Logs => _logs.Lines;

    /// <summary>
    /// Builds the app with <paramref name="build"/> (the method your <c>Program.cs</c> calls: it takes the
    /// builder, registers services and functions, and returns the app) and freezes it.
    /// </summary>
    /// <param name="build">The app's builder method, e.g. <c>ShopApp.Build</c>.</param>
    /// <param name="configure">Arguments, configuration values and service replacements for the test.</param>
    /// <returns>The host; dispose it to dispose the app.</returns>
    /// <exception cref="InvalidOperationException">The app's registrations are invalid (the message names each problem), or <paramref name="build"/> did not build the builder it was given.</exception>
    public static FunctionTestHost Create(Func<FunctionAppBuilder, FunctionApp> build, Action<FunctionTestHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        var options = new FunctionTestHostOptions();
        configure?.Invoke(options);

        var builder = FunctionApp.CreateBuilder([.. options.Args]);
        if (options.Configuration.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(options.Configuration);
        }

        var logs = new LogCapture();
        var built = false;
        builder.BeforeBuild(b =>
        {
            built = true;
            if (!options.KeepAppLogProviders)
            {
                b.Logging.ClearProviders();
            }

            b.Logging.AddProvider(logs);
            options.ConfigureServices?.Invoke(b.Services);
        });

        var app = build(builder);
        if (!built)
        {
            throw new InvalidOperationException("The builder method returned an app it did not build from the builder it was given: call builder.Build() on that builder.");
        }

        return new FunctionTestHost(app, logs);
    }

    /// <summary>Forgets the captured log lines.</summary>
    public void ClearLogs() => _logs.Clear();

    /// <summary>Invokes the HTTP or typed function the request's method and path route to.</summary>
    /// <param name="request">The request (see <see cref="FunctionRequest.WithBody"/>).</param>
    /// <param name="options">Deadline, cancellation, invocation id, trace parent, target; defaults when <see langword="null"/>.</param>
    /// <returns>The response with its body read (a problem response for 4xx/5xx the pipeline produced).</returns>
    public async Task<TestResponse> SendAsync(FunctionRequest request, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await _invoker.InvokeHttpAsync(request, options).ConfigureAwait(false);
        var body = await response.Body.ToBytesAsync(options?.Aborted ?? CancellationToken.None).ConfigureAwait(false);
        return new TestResponse(App, response, body);
    }

    /// <summary>Sends <c>GET</c> with the path and query given.</summary>
    /// <param name="pathAndQuery">E.g. <c>/hello?name=Ada</c>.</param>
    /// <param name="options">Invocation options, or <see langword="null"/>.</param>
    /// <returns>The response.</returns>
    public Task<TestResponse> GetAsync(string pathAndQuery, InvocationOptions? options = null) =>
        SendAsync(Request("GET", pathAndQuery, ReadOnlyMemory<byte>.Empty, new HeaderCollection()), options);

    /// <summary>Sends <c>POST</c> with a body of the content type given.</summary>
    /// <param name="pathAndQuery">The path (and query).</param>
    /// <param name="body">The body text, sent as UTF-8.</param>
    /// <param name="contentType">The <c>Content-Type</c>.</param>
    /// <param name="options">Invocation options, or <see langword="null"/>.</param>
    /// <returns>The response.</returns>
    public Task<TestResponse> PostAsync(string pathAndQuery, string body, string contentType = "application/json", InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var headers = new HeaderCollection();
        headers.Add("Content-Type", contentType);
        return SendAsync(Request("POST", pathAndQuery, Encoding.UTF8.GetBytes(body), headers), options);
    }

    /// <summary>Sends <c>POST</c> with <paramref name="value"/> serialized by the app's JSON metadata.</summary>
    /// <typeparam name="T">A type of one of the app's JSON contexts.</typeparam>
    /// <param name="pathAndQuery">The path (and query).</param>
    /// <param name="value">The body.</param>
    /// <param name="options">Invocation options, or <see langword="null"/>.</param>
    /// <returns>The response.</returns>
    /// <exception cref="InvalidOperationException">No registered context has metadata for <typeparamref name="T"/>.</exception>
    public Task<TestResponse> PostJsonAsync<T>(string pathAndQuery, T value, InvocationOptions? options = null)
    {
        var headers = new HeaderCollection();
        headers.Add("Content-Type", "application/json");
        return SendAsync(Request("POST", pathAndQuery, Serialize(value), headers), options);
    }

    /// <summary>Delivers a CloudEvent to the event function for its type (or the fallback).</summary>
    /// <param name="cloudEvent">The event.</param>
    /// <param name="options">Invocation options (e.g. <see cref="InvocationOptions.DeliveryAttempt"/>), or <see langword="null"/>.</param>
    /// <returns>Success (with the reply), retry or drop, and the error.</returns>
    public Task<EventInvocationResult> SendEventAsync(CloudEvent cloudEvent, InvocationOptions? options = null) =>
        _invoker.InvokeEventAsync(cloudEvent, options);

    /// <summary>Builds a CloudEvent with JSON data serialized by the app's metadata (source <c>/tests</c>, id <c>test-N</c>).</summary>
    /// <typeparam name="TData">A type of one of the app's JSON contexts.</typeparam>
    /// <param name="type">The CloudEvent type.</param>
    /// <param name="data">The data.</param>
    /// <returns>The event.</returns>
    public CloudEvent Event<TData>(string type, TData data) =>
        new($"test-{Interlocked.Increment(ref _eventCounter)}", "/tests", type) { DataContentType = "application/json", Data = Serialize(data) };

    /// <summary>Delivers a batch through the core's one batch call, as the queue and stream adapters do.</summary>
    /// <param name="events">The events; each one's id is its message id.</param>
    /// <param name="ordering">Whether a retry stops the rest (FIFO queues, streams).</param>
    /// <param name="options">Invocation options, or <see langword="null"/>.</param>
    /// <returns>Success, retry or drop per message.</returns>
    public Task<BatchInvocationResult> SendBatchAsync(IEnumerable<CloudEvent> events, BatchOrdering ordering = BatchOrdering.Unordered, InvocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        return _invoker.InvokeBatchAsync([.. events.Select(static e => BatchMessage.Of(e.Id, e))], ordering, options);
    }

    /// <summary>
    /// Invokes a typed function by name with a value, as a direct invocation (Lambda <c>Invoke</c>, a queue
    /// message) does, and returns its output.
    /// </summary>
    /// <typeparam name="TIn">The function's input type.</typeparam>
    /// <typeparam name="TOut">The function's output type.</typeparam>
    /// <param name="functionName">The function's name (ignoring case).</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Invocation options, or <see langword="null"/>.</param>
    /// <returns>The output.</returns>
    /// <exception cref="ArgumentException">No typed function has that name.</exception>
    /// <exception cref="InvalidOperationException">The invocation failed; the message holds the status, title and detail.</exception>
    public async Task<TOut> InvokeAsync<TIn, TOut>(string functionName, TIn input, InvocationOptions? options = null)
    {
        var function = _invoker.FindByName(functionName);
        if (function is not { Kind: FunctionKind.Typed })
        {
            throw new ArgumentException($"No typed function is named '{functionName}'.", nameof(functionName));
        }

        var result = await _invoker.InvokeJsonAsync(function, Serialize(input), options).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"Function '{function.Name}' failed: {error.StatusCode} {error.Title}: {error.Detail}");
        }

        return JsonSerializer.Deserialize(result.Output.Span, App.GetJsonTypeInfo<TOut>())!;
    }

    /// <summary>
    /// A client that invokes the app with <paramref name="platform"/>'s native payloads through that adapter's
    /// real mapping, in memory (the app must call the adapter's <c>builder.UseXxx()</c>, as its
    /// <c>Program.cs</c> does): <c>aws</c>, <c>azure</c> (custom handler), <c>gcp</c>, <c>knative</c>,
    /// <c>openfaas</c>, <c>openwhisk</c>.
    /// </summary>
    /// <param name="platform">The platform's name, ignoring case.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No registered adapter has that name; the message lists the registered ones.</exception>
    public NativeClient Native(string platform)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        var invokers = App.Services.GetServices<INativeInvoker>().ToList();
        var invoker = invokers.FirstOrDefault(i => string.Equals(i.Platform, platform, StringComparison.OrdinalIgnoreCase));
        return invoker is null
            ? throw new InvalidOperationException(
                $"No adapter for '{platform}' is registered in the app (registered: {(invokers.Count == 0 ? "none" : string.Join(", ", invokers.Select(i => i.Platform)))}); call its builder.UseXxx() in the app's builder method.")
            : new NativeClient(App, invoker);
    }

    /// <summary>
    /// A <see cref="FunctionContext"/> for calling a class-based function (or any code that takes one) directly
    /// in a unit test: the app's services in a fresh scope (disposed with the host), a logger whose lines
    /// land in <see cref="Logs"/>, and the deadline and cancellation given.
    /// </summary>
    /// <param name="functionName">The name the context reports (and the log category, <c>Function.&lt;name&gt;</c>).</param>
    /// <param name="deadline">The deadline; five minutes from now when <see langword="null"/>.</param>
    /// <param name="cancellationToken">The context's <see cref="FunctionContext.CancellationToken"/>.</param>
    /// <param name="invocationId">The invocation id; a new one when <see langword="null"/>.</param>
    /// <returns>The context.</returns>
    public FunctionContext CreateContext(string functionName = "test", DateTimeOffset? deadline = null, CancellationToken cancellationToken = default, string? invocationId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        var scope = App.Services.CreateScope();
        lock (_contextScopes)
        {
            _contextScopes.Add(scope);
        }

        return new FunctionContext(scope.ServiceProvider, functionName, deadline, cancellationToken, App.LoggerFactory.CreateLogger("Function." + functionName), invocationId);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        IServiceScope[] scopes;
        lock (_contextScopes)
        {
            scopes = [.. _contextScopes];
            _contextScopes.Clear();
        }

        foreach (var scope in scopes)
        {
            if (scope is IAsyncDisposable asyncScope)
            {
                await asyncScope.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                scope.Dispose();
            }
        }

        await App.DisposeAsync().ConfigureAwait(false);
    }

    // "/hello?name=Ada" → path "/hello" (as routed, already decoded) and query "name=Ada".
    private static FunctionRequest Request(string method, string pathAndQuery, ReadOnlyMemory<byte> body, HeaderCollection headers)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        var bytes = body.ToArray();
        return new FunctionRequest(method, path.StartsWith('/') ? path : "/" + path, headers)
        {
            Body = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true),
            QueryString = question < 0 ? string.Empty : pathAndQuery[(question + 1)..],
        };
    }

    private byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, App.GetJsonTypeInfo<T>());
}
