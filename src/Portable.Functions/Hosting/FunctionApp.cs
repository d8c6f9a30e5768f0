using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
public sealed class FunctionApp : IAsyncDisposable
{
    private readonly IServiceCollection _registrations;
    private readonly ServiceProviderOptions _providerOptions;
    private readonly ILoggerFactory? _ownedLoggerFactory;
    private readonly List<FunctionDescriptor> _functions = [];
    private readonly List<Func<FunctionContext, Func<Task>, Task>> _middleware = [];
    private readonly Lock _gate = new();
    private readonly Lock _servicesGate = new();
    private readonly IReadOnlyList<Func<IJsonTypeInfoResolver>> _resolvers;
    private ServiceProvider? _services;
    private JsonSerializerOptions? _jsonOptions;
    private FunctionInvoker? _invoker;

    internal FunctionApp(
        IServiceCollection registrations,
        ServiceProviderOptions providerOptions,
        ILoggerFactory? loggerFactory,
        IConfiguration configuration,
        FunctionOptions options,
        string environmentName,
        IReadOnlyList<Func<IJsonTypeInfoResolver>> resolvers)
    {
        _registrations = registrations;
        _providerOptions = providerOptions;
        _ownedLoggerFactory = loggerFactory;
        Configuration = configuration;
        Options = options;
        EnvironmentName = environmentName;

        // The container is built on first use (a scoped service, a host registered by type, an app
        // reading Services): building it and resolving through it was a sixth of a Native AOT Lambda
        // bootstrap's start-up, and most functions never ask it for anything. Development builds it
        // now so ValidateOnBuild reports broken registrations at start-up.
        if (loggerFactory is null || providerOptions.ValidateOnBuild)
        {
            _ = RootServices;
        }

        LoggerFactory = loggerFactory ?? RootServices.GetRequiredService<ILoggerFactory>();
        Logger = LoggerFactory.CreateLogger("Portable.Functions");
        _resolvers = resolvers;
    }

    /// <summary>Root services. The container is built on first access.</summary>
    public IServiceProvider Services => RootServices;

    /// <summary>Configuration.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Pipeline limits.</summary>
    public FunctionOptions Options { get; }

    /// <summary>Environment name.</summary>
    public string EnvironmentName { get; }

    /// <summary>True in the <c>Development</c> environment.</summary>
    public bool IsDevelopment => string.Equals(EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase);

    /// <summary>Logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The SDK's own logger (start-up, host selection, rejected requests).</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// JSON options combining every registered <c>JsonSerializerContext</c> (web defaults: camelCase,
    /// case-insensitive reading). Read-only.
    /// </summary>
    /// <remarks>Made on first use: an app whose first invocation needs no JSON starts without it.</remarks>
    public JsonSerializerOptions JsonOptions
    {
        get
        {
            var options = Volatile.Read(ref _jsonOptions);
            if (options is null)
            {
                options = CreateJsonOptions(_resolvers);
                options = Interlocked.CompareExchange(ref _jsonOptions, options, null) ?? options;
            }

            return options;
        }
    }

    /// <summary>The registered functions, in registration order.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions => _functions;

    /// <summary>
    /// The invocation pipeline adapters call. First access freezes the app: functions and middleware
    /// can no longer be added, and duplicate names, routes or event types are reported.
    /// </summary>
    public FunctionInvoker Invoker
    {
        get
        {
            if (_invoker is not null)
            {
                return _invoker;
            }

            lock (_gate)
            {
                return _invoker ??= new FunctionInvoker(this, _functions, _middleware);
            }
        }
    }

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
        if (JsonOptions.TryGetTypeInfo(typeof(T), out var info) && info is JsonTypeInfo<T> typed)
        {
            return typed;
        }

        throw new InvalidOperationException(
            $"No JSON metadata for {typeof(T).FullName}. Add [JsonSerializable(typeof({typeof(T).Name}))] to your JsonSerializerContext and register it with builder.AddJsonContext(...).");
    }

    /// <summary>
    /// Runs the app on the platform found in the environment: the first registered host that recognises
    /// it, else the fallback host (the local/Knative server).
    /// </summary>
    /// <param name="cancellationToken">Stops the host.</param>
    /// <returns>A task that completes when the host stops.</returns>
    /// <exception cref="InvalidOperationException">No host is registered, or none is active.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var hosts = Hosts();
        var host = hosts.FirstOrDefault(h => !h.IsFallback && h.IsActive(this)) ?? hosts.FirstOrDefault(h => h.IsFallback && h.IsActive(this));
        if (host is null)
        {
            throw new InvalidOperationException(hosts.Count == 0
                ? "No platform host is registered. Call builder.UseKnative() (local/Knative) or another adapter's Use method."
                : $"None of the registered hosts ({string.Join(", ", hosts.Select(h => h.Name))}) recognises this environment.");
        }

        // The host freezes the app (first Invoker access) inside its own start-up, so a registration
        // error is reported the platform's way (Lambda: /runtime/init/error).
        Logger.LogInformation("Starting {Host} host with {Count} function(s).", host.Name, _functions.Count);
        await host.RunAsync(this, cancellationToken).ConfigureAwait(false);
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

    private static JsonSerializerOptions CreateJsonOptions(IReadOnlyList<Func<IJsonTypeInfoResolver>> resolvers)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var resolver in resolvers)
        {
            json.TypeInfoResolverChain.Add(resolver() ?? throw new InvalidOperationException("A JSON context factory given to AddJsonContext returned null."));
        }

        // Last in the chain: JsonElement and string work without a user context.
        json.TypeInfoResolverChain.Add(CoreJsonContext.Default);
        json.MakeReadOnly();
        return json;
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
                return _services ??= _registrations.BuildServiceProvider(_providerOptions);
            }
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

    private void ThrowIfFrozen()
    {
        if (_invoker is not null)
        {
            throw new InvalidOperationException("The app has started: functions and middleware must be added before RunAsync or the first invocation.");
        }
    }
}
