using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Knative.Tests.BadInput;

/// <summary>Records every log entry at Information or above, so tests can assert "logged once".</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && (category.StartsWith("Portable.Functions", StringComparison.Ordinal) || category.StartsWith("Function.", StringComparison.Ordinal)))
            {
                entries.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
