using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions;

/// <summary>
/// A function app: the functions, middleware and services of one deployable unit. The same app runs
/// on every platform; <see cref="RunAsync"/> picks the host whose environment it finds.
/// </summary>
/// <example>
/// <code>
/// var builder = FunctionApp.CreateBuilder(args);
/// builder.AddJsonContext(AppJson.Default);
/// builder.UseKnative();
/// var app = builder.Build();
/// app.MapGet("/hello", (req, ctx) => Task.FromResult(FunctionResponse.Text("hi")));
/// await app.RunAsync();
/// </code>
/// </example>
public sealed partial class FunctionApp : IAsyncDisposable
{
    private readonly IServiceCollection _registrations;
    // Development validates the container's graph (on build) and scopes; the options object itself is made
    // only with the container, so an app that never builds one does not load the container's assembly.
    private readonly bool _validateContainer;
    private readonly ILoggerFactory? _ownedLoggerFactory;
    private readonly List<FunctionDescriptor> _functions = [];
    private readonly List<Func<FunctionContext, Func<Task>, Task>> _middleware = [];
    private readonly Lock _gate = new();
    private readonly Lock _servicesGate = new();
    private readonly AppJsonMetadata _json;
    private readonly IReadOnlyList<string> _configurationErrors;
    private ServiceProvider? _services;
    private HashSet<Type>? _singletons;
    private FunctionInvoker? _invoker;
    private IFlushBeforeFreeze[]? _flushHooks;

    internal FunctionApp(
        IServiceCollection registrations,
        bool validateContainer,
        ILoggerFactory? loggerFactory,
        IConfiguration configuration,
        FunctionOptions options,
        string environmentName,
        AppJsonMetadata json,
        IReadOnlyList<string> configurationErrors,
        FunctionLifecycle lifecycle)
    {
        _registrations = registrations;
        _validateContainer = validateContainer;
        _ownedLoggerFactory = loggerFactory;
        Configuration = configuration;
        Options = options;
        EnvironmentName = environmentName;

        // The container is built on first use (a scoped service, a host registered by type, an app
        // reading Services): building it costs every cold start and most functions never ask it for
        // anything; the start-up validator reads the registrations instead. Development builds it now
        // so ValidateOnBuild also checks the whole graph at start-up.
        if (loggerFactory is null || validateContainer)
        {
            _ = RootServices;
        }

        LoggerFactory = loggerFactory ?? RootServices.GetRequiredService<ILoggerFactory>();
        Logger = LoggerFactory.CreateLogger("Portable.Functions");
        _json = json;
        _configurationErrors = configurationErrors;
        Lifecycle = lifecycle;
    }

    /// <summary>Root services. The container is built on first access.</summary>
    public IServiceProvider Services => RootServices;

    /// <summary>Configuration.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Pipeline limits.</summary>
    public FunctionOptions Options { get; }

    /// <summary>Snapshot hooks (AWS Lambda SnapStart); the same object as <see cref="FunctionAppBuilder.Lifecycle"/>.</summary>
    public FunctionLifecycle Lifecycle { get; }

    /// <summary>Environment name.</summary>
    public string EnvironmentName { get; }

    /// <summary>True in the <c>Development</c> environment.</summary>
    public bool IsDevelopment => string.Equals(EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase);

    /// <summary>Logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The SDK's own logger (start-up, host selection, rejected requests).</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// The app-wide JSON options (read-only): web defaults (camelCase, case-insensitive reading) changed by
    /// <see cref="FunctionAppBuilder.ConfigureJson"/>, resolving from every registered context that
    /// declares no options of its own. A context with its own <c>[JsonSourceGenerationOptions]</c> keeps
    /// them for its types; <see cref="GetJsonTypeInfo{T}"/> returns the metadata actually used.
    /// </summary>
    /// <remarks>Made on first use: an app whose first invocation needs no JSON starts without it.</remarks>
    public JsonSerializerOptions JsonOptions => _json.Options;

    /// <summary>The registered functions, in registration order.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions => _functions;

    /// <summary>True once the app is frozen (see <c>Portable.Functions.Hosting.FunctionAppHosting.Freeze</c>).</summary>
    public bool IsFrozen => Volatile.Read(ref _invoker) is not null;

    /// <summary>Creates a builder.</summary>
    /// <param name="args">Command-line arguments (also a configuration source).</param>
    /// <returns>The builder.</returns>
    public static FunctionAppBuilder CreateBuilder(string[]? args = null) => new(args ?? []);

    /// <summary>
    /// Adds middleware around every invocation, in order. Call <c>next()</c> to continue; skip it to
    /// short-circuit (set <see cref="FunctionContext.Response"/> for HTTP).
    /// </summary>
    /// <param name="middleware">The middleware.</param>
    /// <returns>This app.</returns>
    public FunctionApp Use(Func<FunctionContext, Func<Task>, Task> middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        ThrowIfFrozen();
        _middleware.Add(middleware);
        return this;
    }

    /// <summary>Source-generated metadata for <typeparamref name="T"/> from the registered contexts.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <returns>The metadata.</returns>
    /// <exception cref="InvalidOperationException">No registered context describes <typeparamref name="T"/>.</exception>
    public JsonTypeInfo<T> GetJsonTypeInfo<T>()
    {
        if (_json.Find(typeof(T)) is JsonTypeInfo<T> typed)
        {
            return typed;
        }

        throw new InvalidOperationException(
            $"No JSON metadata for {typeof(T).FullName}: add [JsonSerializable(typeof({typeof(T).Name}))] to your JsonSerializerContext and register the context with builder.AddJsonContext(...).");
    }

    /// <summary>
    /// Runs the app on the platform found in the environment: the first registered host that recognises
    /// it, else the fallback host (the local/Knative server). The host freezes the app (validating every
    /// registration) before it accepts its first invocation.
    /// </summary>
    /// <param name="cancellationToken">Stops the host.</param>
    /// <returns>The process exit code: 0 after a normal stop, 1 after a failure.</returns>
    /// <remarks>
    /// A failure that stops the host — no host registered, a start-up validation error, a bad
    /// <c>PORT</c>, a port in use, an unreachable platform API — is written as one Critical log line
    /// (with the stack trace only in the Development environment), <see cref="Environment.ExitCode"/> is
    /// set to 1 and the method returns 1: the process then ends with exit code 1 instead of an unhandled
    /// exception. Cancellation through <paramref name="cancellationToken"/> is a normal stop.
    /// Started with <c>--write-deploy-files &lt;dir&gt;</c>, no host runs: every adapter's
    /// <see cref="IDeploymentWriter"/> writes its platform's files into <c>&lt;dir&gt;</c>, and the method
    /// returns 0, or 1 after one Critical line naming what could not be written.
    /// </remarks>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        // --write-deploy-files <dir>: a configuration check only; the writers run instead of a host.
        if (Configuration[DeploymentFiles.SwitchKey] is { Length: > 0 } deployDirectory)
        {
            return DeploymentFiles.Write(this, deployDirectory);
        }

        IFunctionHost? host = null;
        try
        {
            host = SelectHost();
            LogStarting(Logger, host.Name, _functions.Count);
            await host.RunAsync(this, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A requested stop, not a failure.
            return 0;
        }
        catch (Exception exception)
        {
            Logger.LogCritical(IsDevelopment ? exception : null, "{Host} host failed: {Message}", host?.Name ?? "Portable.Functions", StartupFailure.Describe(exception));
            Environment.ExitCode = 1;
            return 1;
        }
    }
    /// <summary>Disposes the services (when the container was built) and the logger factory.</summary>
    /// <returns>A task that completes when everything is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        ServiceProvider? services;
        lock (_servicesGate)
        {
            services = _services;
        }

        if (services is not null)
        {
            await services.DisposeAsync().ConfigureAwait(false);
        }

        // Registered as an instance, so the container leaves it alone.
        _ownedLoggerFactory?.Dispose();
    }

    internal FunctionDescriptor Add(FunctionDescriptor descriptor)
    {
        ThrowIfFrozen();
        _functions.Add(descriptor);
        return descriptor;
    }

    internal string UniqueName(string name, string? suffix)
    {
        if (!_functions.Any(f => f.Name == name))
        {
            return name;
        }

        if (suffix is not null && !_functions.Any(f => f.Name == name + "-" + suffix))
        {
            return name + "-" + suffix;
        }

        for (var i = 2; ; i++)
        {
            var candidate = $"{name}-{i}";
            if (!_functions.Any(f => f.Name == candidate))
            {
                return candidate;
            }
        }
    }

    private ServiceProvider RootServices
    {
        get
        {
            var services = Volatile.Read(ref _services);
            if (services is not null)
            {
                return services;
            }

            lock (_servicesGate)
            {
                if (_services is null)
                {
                    // Read with the container, from the same registrations: a type whose last
                    // registration is a singleton resolves to one instance from any scope.
                    var singletons = new HashSet<Type>();
                    foreach (var descriptor in _registrations)
                    {
                        if (!descriptor.IsKeyedService && !descriptor.ServiceType.IsGenericTypeDefinition)
                        {
                            _ = descriptor.Lifetime == ServiceLifetime.Singleton ? singletons.Add(descriptor.ServiceType) : singletons.Remove(descriptor.ServiceType);
                        }
                    }

                    _singletons = singletons;
                    Volatile.Write(ref _services, _registrations.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = _validateContainer, ValidateScopes = _validateContainer }));
                }

                return _services;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="serviceType"/> resolves to a singleton, so an invocation can take it from the
    /// root container without creating a scope (builds the container when it does not exist yet).
    /// </summary>
    internal bool IsSingleton(Type serviceType)
    {
        _ = RootServices;
        return _singletons!.Contains(serviceType);
    }

    /// <summary>
    /// The registered <see cref="IFlushBeforeFreeze"/> services, read once; from the registrations when all
    /// are instances (the OpenTelemetry package registers one), so an app without any builds no container.
    /// </summary>
    internal IFlushBeforeFreeze[] FlushHooks
    {
        get
        {
            var hooks = Volatile.Read(ref _flushHooks);
            if (hooks is not null)
            {
                return hooks;
            }

            var found = new List<IFlushBeforeFreeze>();
            foreach (var descriptor in _registrations)
            {
                if (descriptor.ServiceType != typeof(IFlushBeforeFreeze) || descriptor.IsKeyedService)
                {
                    continue;
                }

                if (descriptor.ImplementationInstance is not IFlushBeforeFreeze hook)
                {
                    found = RootServices.GetServices<IFlushBeforeFreeze>().ToList();
                    break;
                }

                found.Add(hook);
            }

            hooks = [.. found];
            Volatile.Write(ref _flushHooks, hooks);
            return hooks;
        }
    }

    /// <summary>The registered hosts in order; read from the registrations when all are instances (they are, from the adapters' Use methods).</summary>
    private List<IFunctionHost> Hosts()
    {
        var hosts = new List<IFunctionHost>();
        foreach (var descriptor in _registrations)
        {
            if (descriptor.ServiceType != typeof(IFunctionHost) || descriptor.IsKeyedService)
            {
                continue;
            }

            if (descriptor.ImplementationInstance is not IFunctionHost host)
            {
                return RootServices.GetServices<IFunctionHost>().ToList();
            }

            hosts.Add(host);
        }

        return hosts;
    }

    /// <summary>Validates the registrations once and returns the invoker; later calls return the same one.</summary>
    internal FunctionInvoker FreezeCore(string? servedFunction = null)
    {
        var invoker = Volatile.Read(ref _invoker);
        if (invoker is not null)
        {
            return invoker;
        }

        lock (_gate)
        {
            if (_invoker is not null)
            {
                return _invoker;
            }

            var errors = new List<string>(_configurationErrors);
            errors.AddRange(StartupValidator.Validate(_functions, _registrations, servedFunction));
            if (errors.Count > 0)
            {
                throw new InvalidOperationException(errors.Count == 1
                    ? errors[0]
                    : $"{errors.Count} start-up errors: {string.Join(" | ", errors)}");
            }

            invoker = new FunctionInvoker(this, _functions, _middleware);
            Volatile.Write(ref _invoker, invoker);
            return invoker;
        }
    }

    private IFunctionHost SelectHost()
    {
        var hosts = Hosts();
        return hosts.FirstOrDefault(h => !h.IsFallback && h.IsActive(this))
            ?? hosts.FirstOrDefault(h => h.IsFallback && h.IsActive(this))
            ?? throw new InvalidOperationException(hosts.Count == 0
                ? "No platform host is registered: call builder.UseKnative() (local server and Knative), builder.UseAws(), builder.UseGcp() or builder.UseAzureCustomHandler() before Build()."
                : $"None of the registered hosts ({string.Join(", ", hosts.Select(h => h.Name))}) recognises this environment.");
    }

    private void ThrowIfFrozen()
    {
        if (Volatile.Read(ref _invoker) is not null)
        {
            throw new InvalidOperationException("The app is frozen (it is running, or a host or test froze it): map functions and add middleware before RunAsync.");
        }
    }

    // Debug, not Information: each host writes the line that matters at start (the Kestrel hosts'
    // "Listening on"); on Lambda the platform's own INIT_START line says it, and a line of ours on every
    // cold start would cost it the console's set-up. Generated, so nothing is formatted when filtered out.
    [LoggerMessage(1000, LogLevel.Debug, "Starting {Host} host with {Count} function(s).")]
    private static partial void LogStarting(ILogger logger, string host, int count);
}
