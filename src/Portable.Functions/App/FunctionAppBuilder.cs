using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portable.Functions;

/// <summary>
/// Builds a <see cref="FunctionApp"/> in the style of .NET hosting: services, configuration, logging,
/// JSON metadata and the platform hosts (<c>UseKnative()</c>, <c>UseAws()</c>, ...).
/// </summary>
/// <remarks>
/// Configuration sources, later wins: <c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>
/// (both optional, looked up only when present), environment variables, command-line arguments.
/// The environment name comes from <c>PORTABLE_ENVIRONMENT</c>, <c>DOTNET_ENVIRONMENT</c> or
/// <c>ASPNETCORE_ENVIRONMENT</c>, default <c>Production</c>.
/// </remarks>
public sealed class FunctionAppBuilder
{
    private readonly List<Func<IJsonTypeInfoResolver>> _jsonResolvers = [];
    private readonly List<Action<JsonSerializerOptions>> _jsonConfiguration = [];
    private readonly List<string> _configurationErrors = [];
    private readonly List<Action<FunctionAppBuilder>> _beforeBuild = [];
    private bool _built;

    internal FunctionAppBuilder(string[] args, string? environmentName = null)
    {
        Args = args;
        Configuration = new ConfigurationManager();
        EnvironmentName = environmentName
            ?? Environment.GetEnvironmentVariable("PORTABLE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Production";
        AddJsonFileIfPresent("appsettings.json");
        AddJsonFileIfPresent($"appsettings.{EnvironmentName}.json");
        Configuration.AddEnvironmentVariables();
        if (args.Length > 0)
        {
            Configuration.AddCommandLine(args);
        }

        Options = FunctionOptions.FromConfiguration(Configuration, IsDevelopment, _configurationErrors);
        Services = new ServiceCollection();
        Services.AddSingleton<IConfiguration>(Configuration);
        Services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(ReadLogLevel(Configuration));

            // Per-request server logs cost start-up and throughput; the pipeline logs what matters once.
            logging.AddFilter("Microsoft", LogLevel.Warning);

            // A generic host (the Azure isolated worker's) writes a failed start as an Error with the stack
            // trace, and Kestrel a port in use as a Critical; the same failure reaches RunAsync as an
            // exception, which writes the one line a user should see (with the stack in Development).
            logging.AddFilter("Microsoft.Extensions.Hosting", level => level is >= LogLevel.Warning and < LogLevel.Error);
            logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", level => level is >= LogLevel.Warning and < LogLevel.Critical);
            logging.AddProvider(new ConsoleLoggerProvider());
        });

        // Replaces AddLogging's factory: same providers and rules, no open generics to build at start-up.
        Services.AddSingleton(LoggerFactoryBuilder.Registration);
        Logging = new LoggingBuilder(Services);
    }

    /// <summary>Command-line arguments given to <see cref="FunctionApp.CreateBuilder"/>.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>
    /// Services for dependency injection; resolved per invocation from <see cref="FunctionContext.Services"/>.
    /// Read-only after <see cref="Build"/>: adding a service then throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public IServiceCollection Services { get; }

    /// <summary>Configuration (files, environment, command line).</summary>
    public ConfigurationManager Configuration { get; }

    /// <summary>Logging providers and filters. A plain console provider is registered by default.</summary>
    public ILoggingBuilder Logging { get; }

    /// <summary>Pipeline limits; read from configuration, changeable here.</summary>
    public FunctionOptions Options { get; }

    /// <summary>
    /// Snapshot hooks (before-snapshot, after-restore) for platforms that snapshot an initialised
    /// instance (AWS Lambda SnapStart); never called elsewhere. The app built from this builder shares
    /// the same object (<see cref="FunctionApp.Lifecycle"/>).
    /// </summary>
    public FunctionLifecycle Lifecycle { get; } = new();

    /// <summary>Environment name (<c>Development</c>, <c>Production</c>, ...).</summary>
    public string EnvironmentName { get; }

    /// <summary>True in the <c>Development</c> environment.</summary>
    public bool IsDevelopment => string.Equals(EnvironmentName, "Development", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Adds source-generated JSON metadata for the app's types (pass your <c>JsonSerializerContext</c>).
    /// Typed functions and events resolve their types from these, in order; nothing is reflected.
    /// </summary>
    /// <param name="resolver">Usually <c>MyJsonContext.Default</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">Called after <see cref="Build"/>.</exception>
    /// <remarks>
    /// A context that declares options (<c>[JsonSourceGenerationOptions(PropertyNamingPolicy = ...)]</c>)
    /// keeps them for its types, in both directions; a context that declares none takes the app's options
    /// (web defaults, see <see cref="ConfigureJson"/>).
    /// </remarks>
    public FunctionAppBuilder AddJsonContext(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ThrowIfBuilt();
        _jsonResolvers.Add(() => resolver);
        return this;
    }

    /// <summary>
    /// Adds source-generated JSON metadata created on first use: pass <c>() =&gt; MyJsonContext.Default</c>.
    /// A generated context's static constructor pre-encodes every property name and starts the default
    /// JSON encoder; deferred, an app with no typed or event function never pays for it, and one with
    /// them pays once, when the app freezes and checks their metadata.
    /// </summary>
    /// <param name="resolver">Returns the context; called once, when the app first needs JSON metadata.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">Called after <see cref="Build"/>.</exception>
    public FunctionAppBuilder AddJsonContext(Func<IJsonTypeInfoResolver> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ThrowIfBuilt();
        _jsonResolvers.Add(resolver);
        return this;
    }

    /// <summary>
    /// Changes the app-wide JSON options (the role <c>ConfigureHttpJsonOptions</c> plays in ASP.NET Core):
    /// they start as web defaults (camelCase, case-insensitive reading, numbers from strings) and apply to
    /// every type from a context that declares no options of its own. Set naming policies, ignore
    /// conditions, number handling, indentation or converters here; add metadata with
    /// <see cref="AddJsonContext(IJsonTypeInfoResolver)"/>, not through the options' resolver chain, so
    /// it stays Native AOT clean. Runs once, when the app first needs JSON metadata.
    /// </summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">Called after <see cref="Build"/>.</exception>
    public FunctionAppBuilder ConfigureJson(Action<JsonSerializerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ThrowIfBuilt();
        _jsonConfiguration.Add(configure);
        return this;
    }

    /// <summary>
    /// Builds the app. The builder cannot be used afterwards: its <see cref="Services"/> become read-only
    /// (adding one throws, as ASP.NET Core's do) and JSON registrations throw.
    /// </summary>
    /// <returns>The app; map functions on it, then call <see cref="FunctionApp.RunAsync"/>.</returns>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public FunctionApp Build()
    {
        ThrowIfBuilt();

        // Hosts that build the user's app (a test host) change it after the user's own registrations.
        foreach (var configure in _beforeBuild)
        {
            configure(this);
        }

        _built = true;

        var services = new ServiceCollection();
        foreach (var descriptor in Services)
        {
            ((ICollection<ServiceDescriptor>)services).Add(descriptor);
        }

        // A late registration would never reach the app's container and surface only at request time
        // as "Unable to resolve service"; failing at the call names the mistake where it is made.
        ((ServiceCollection)Services).MakeReadOnly();

        var loggerFactory = LoggerFactoryBuilder.TryCreate(services);
        if (loggerFactory is not null)
        {
            // The container, when one is built, hands out the same factory.
            services.AddSingleton(loggerFactory);
        }

        services.MakeReadOnly();
        var json = new AppJsonMetadata([.. _jsonResolvers], [.. _jsonConfiguration]);
        return new FunctionApp(services, validateContainer: IsDevelopment, loggerFactory, Configuration, Options, EnvironmentName, json, [.. _configurationErrors], Lifecycle);
    }

    internal void AddBeforeBuild(Action<FunctionAppBuilder> configure)
    {
        ThrowIfBuilt();
        _beforeBuild.Add(configure);
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("The app is already built: register services, JSON contexts and options before builder.Build().");
        }
    }

    private void AddJsonFileIfPresent(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        if (File.Exists(path))
        {
            Configuration.AddJsonFile(path, optional: true, reloadOnChange: false);
        }
    }

    private static LogLevel ReadLogLevel(IConfiguration configuration)
    {
        var text = configuration["PORTABLE_LOG_LEVEL"] ?? configuration["Logging:LogLevel:Default"];

        // Unset (the usual case) never reaches Enum.TryParse, whose generic instantiation the managed
        // runtime compiles at start-up, and which reads the enum's metadata through reflection.
        return !string.IsNullOrEmpty(text) && Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) ? level : LogLevel.Information;
    }

    private sealed class LoggingBuilder(IServiceCollection services) : ILoggingBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
