using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portable.Functions;

/// <summary>
/// Creates the app's <see cref="ILoggerFactory"/> from the registered providers and filter rules
/// without the options machinery. Resolving <c>LoggerFactory</c> through dependency injection goes
/// through the open generics <c>IOptionsMonitor&lt;&gt;</c>, <c>OptionsFactory&lt;&gt;</c> and
/// <c>OptionsCache&lt;&gt;</c>; under Native AOT each is built at run time by the type loader, the largest
/// start-up cost of a Lambda bootstrap (benchmarks/README.md). The rules are the same ones
/// <c>AddLogging</c>, <c>AddFilter</c> and <c>SetMinimumLevel</c> register; they are applied once
/// (configuration is not reloaded).
/// </summary>
internal static class LoggerFactoryBuilder
{
    private static readonly Func<IServiceProvider, ILoggerFactory> s_create = Create;

    /// <summary>
    /// The factory straight from the service registrations, without building a container, when every
    /// provider and filter rule was registered as an instance (the defaults, <c>AddProvider</c>,
    /// <c>AddFilter</c>, <c>SetMinimumLevel</c>, the adapters' providers); otherwise <see langword="null"/>.
    /// </summary>
    public static ILoggerFactory? TryCreate(IServiceCollection services)
    {
        var providers = new List<ILoggerProvider>();
        var configures = new List<IConfigureOptions<LoggerFilterOptions>>();
        ServiceDescriptor? factory = null;
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ILoggerProvider))
            {
                if (descriptor.IsKeyedService || descriptor.ImplementationInstance is not ILoggerProvider provider)
                {
                    return null;
                }

                providers.Add(provider);
            }
            else if (descriptor.ServiceType == typeof(IConfigureOptions<LoggerFilterOptions>))
            {
                if (descriptor.IsKeyedService || descriptor.ImplementationInstance is not IConfigureOptions<LoggerFilterOptions> configure)
                {
                    return null;
                }

                configures.Add(configure);
            }
            else if (descriptor.ServiceType == typeof(IPostConfigureOptions<LoggerFilterOptions>))
            {
                return null;
            }
            else if (descriptor.ServiceType == typeof(ILoggerFactory) && !descriptor.IsKeyedService)
            {
                factory = descriptor;
            }
        }

        // The last registration wins; anything but ours is a replaced factory for the container to build.
        return factory is not null && ReferenceEquals(factory.ImplementationFactory, s_create) ? Create(providers, configures, []) : null;
    }

    /// <summary>The same factory resolved from a container (registrations that need one).</summary>
    public static ILoggerFactory Create(IServiceProvider services) => Create(
        services.GetServices<ILoggerProvider>(),
        services.GetServices<IConfigureOptions<LoggerFilterOptions>>(),
        services.GetServices<IPostConfigureOptions<LoggerFilterOptions>>());

    /// <summary>The registration that replaces <c>AddLogging</c>'s options-based factory.</summary>
    public static Func<IServiceProvider, ILoggerFactory> Registration => s_create;

    private static AppLoggerFactory Create(
        IEnumerable<ILoggerProvider> providers,
        IEnumerable<IConfigureOptions<LoggerFilterOptions>> configures,
        IEnumerable<IPostConfigureOptions<LoggerFilterOptions>> postConfigures)
    {
        var filters = new LoggerFilterOptions();
        foreach (var configure in configures)
        {
            configure.Configure(filters);
        }

        foreach (var postConfigure in postConfigures)
        {
            postConfigure.PostConfigure(Options.DefaultName, filters);
        }

        return new AppLoggerFactory(providers, filters);
    }
}
