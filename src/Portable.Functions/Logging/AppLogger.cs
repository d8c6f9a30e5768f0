using Microsoft.Extensions.Logging;

namespace Portable.Functions;

/// <summary>One category's logger from <see cref="AppLoggerFactory"/>: writes to every provider whose rule lets the level through.</summary>
internal sealed class AppLogger(string category) : ILogger
{
    private State _state = new([], null, null);

    public string Category { get; } = category;

    public void Update(Sink[] sinks, ILogger[]? scopeLoggers, IExternalScopeProvider? scopes) =>
        Volatile.Write(ref _state, new State(sinks, scopeLoggers, scopes));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        List<Exception>? errors = null;
        foreach (var sink in Volatile.Read(ref _state).Sinks)
        {
            if (!sink.Allows(logLevel, Category))
            {
                continue;
            }

            try
            {
                sink.Logger.Log(logLevel, eventId, state, exception, formatter);
            }
            catch (Exception error)
            {
                (errors ??= []).Add(error);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException("An error occurred while writing to logger(s).", errors);
        }
    }

    public bool IsEnabled(LogLevel logLevel)
    {
        foreach (var sink in Volatile.Read(ref _state).Sinks)
        {
            if (sink.Allows(logLevel, Category) && sink.Logger.IsEnabled(logLevel))
            {
                return true;
            }
        }

        return false;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        var current = Volatile.Read(ref _state);
        if (current.ScopeLoggers is not { } loggers)
        {
            return NoScope.Instance;
        }

        var count = loggers.Length + (current.Scopes is null ? 0 : 1);
        if (count == 1)
        {
            return current.Scopes is { } only ? only.Push(state) : loggers[0].BeginScope(state);
        }

        var scopes = new IDisposable?[count];
        for (var i = 0; i < loggers.Length; i++)
        {
            scopes[i] = loggers[i].BeginScope(state);
        }

        if (current.Scopes is { } external)
        {
            scopes[^1] = external.Push(state);
        }

        return new Scopes(scopes);
    }

    /// <summary>One provider's logger with the level and filter its rule selected.</summary>
    internal sealed class Sink(ILogger logger, string? providerTypeName, LogLevel? minLevel, Func<string?, string?, LogLevel, bool>? filter)
    {
        public ILogger Logger { get; } = logger;

        public bool Allows(LogLevel level, string category) =>
            (minLevel is not { } min || level >= min) && (filter is null || filter(providerTypeName, category, level));
    }

    private sealed record State(Sink[] Sinks, ILogger[]? ScopeLoggers, IExternalScopeProvider? Scopes);

    private sealed class Scopes(IDisposable?[] scopes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var scope in scopes)
            {
                scope?.Dispose();
            }
        }
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
