using Microsoft.Extensions.Logging;

namespace Portable.Functions;

/// <summary>
/// The app's <see cref="ILoggerFactory"/>: the providers and <see cref="LoggerFilterOptions"/> registered
/// through <c>builder.Logging</c>, applied as Microsoft.Extensions.Logging's <c>LoggerFactory</c> applies
/// them (rules by <see cref="LoggerRuleMatch"/>, minimum level, filter delegates, external scopes, one
/// logger per category, an <see cref="AggregateException"/> when providers throw). Written here because
/// that factory's per-logger lists of its own structs and its provider-alias reflection are generic code
/// the managed runtime compiles on every cold start, even from a ReadyToRun image.
/// </summary>
internal sealed class AppLoggerFactory : ILoggerFactory
{
    private readonly Lock _gate = new();
    private readonly LoggerFilterOptions _options;
    private readonly List<Registration> _providers = [];
    private readonly Dictionary<string, AppLogger> _loggers = new(StringComparer.Ordinal);
    private LoggerExternalScopeProvider? _scopes;
    private bool _disposed;

    /// <param name="providers">Providers owned by the caller (not disposed with the factory).</param>
    /// <param name="options">The filter rules, fixed for the factory's lifetime.</param>
    public AppLoggerFactory(IEnumerable<ILoggerProvider> providers, LoggerFilterOptions options)
    {
        _options = options;
        foreach (var provider in providers)
        {
            Register(provider, dispose: false);
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_loggers.TryGetValue(categoryName, out var logger))
            {
                logger = new AppLogger(categoryName);
                Apply(logger);
                _loggers[categoryName] = logger;
            }

            return logger;
        }
    }

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Register(provider, dispose: true);
            foreach (var logger in _loggers.Values)
            {
                Apply(logger);
            }
        }
    }

    /// <summary>Disposes the providers added with <see cref="AddProvider"/>; a provider that throws is skipped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var registration in _providers)
            {
                try
                {
                    if (registration.Dispose)
                    {
                        registration.Provider.Dispose();
                    }
                }
                catch (Exception)
                {
                    // As Microsoft.Extensions.Logging's factory: one failing provider does not stop the others.
                }
            }
        }
    }

    private void Register(ILoggerProvider provider, bool dispose)
    {
        _providers.Add(new Registration(provider, dispose));
        if (provider is ISupportExternalScope external)
        {
            _scopes ??= new LoggerExternalScopeProvider();
            external.SetScopeProvider(_scopes);
        }
    }

    private void Apply(AppLogger logger)
    {
        var sinks = new AppLogger.Sink[_providers.Count];
        var sinkCount = 0;
        var scopeLoggers = _options.CaptureScopes ? new List<ILogger>(_providers.Count) : null;
        foreach (var registration in _providers)
        {
            var provider = registration.Provider;
            var type = provider.GetType();
            LoggerRuleMatch.Select(_options, type, logger.Category, out var minLevel, out var filter);
            if (minLevel is > LogLevel.Critical)
            {
                continue;
            }

            var providerLogger = provider.CreateLogger(logger.Category);
            sinks[sinkCount++] = new AppLogger.Sink(providerLogger, type.FullName, minLevel, filter);
            if (provider is not ISupportExternalScope)
            {
                scopeLoggers?.Add(providerLogger);
            }
        }

        Array.Resize(ref sinks, sinkCount);
        logger.Update(sinks, scopeLoggers?.ToArray(), _options.CaptureScopes ? _scopes : null);
    }

    // Classes, not value tuples or structs, throughout: collections of an app struct are generic code the
    // managed runtime compiles at start-up; of reference types they share precompiled code.
    private sealed record Registration(ILoggerProvider Provider, bool Dispose);
}
