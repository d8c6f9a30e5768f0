using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// A logger provider that keeps every line for assertions, with the invocation it belongs to (read at
/// write time from <see cref="InvocationLogFields.Current"/>, as the platform log providers do).
/// </summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _lines = new();

    public IReadOnlyList<CapturedLog> Lines => [.. _lines];

    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var fields = InvocationLogFields.Current;
            owner._lines.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), exception, fields.IsInvocation ? fields.InvocationId : null));
        }
    }
}
