using Microsoft.Extensions.Logging;

namespace Portable.Functions;

/// <summary>
/// A synchronous one-line-per-entry console logger. Chosen over Microsoft.Extensions.Logging.Console
/// for cold start (no background queue thread, no options monitoring) and because serverless
/// platforms collect stdout line by line. Adapters replace it with their platform's format.
/// </summary>
internal sealed class ConsoleLoggerProvider : ILoggerProvider
{
    private static readonly Lock s_gate = new();

    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class ConsoleLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var invocation = FunctionContext.Current?.InvocationId;
            var line = $"{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {Level(logLevel)} {category}{(invocation is null ? string.Empty : " [" + invocation + "]")}: {formatter(state, exception)}";
            if (exception is not null)
            {
                line += Environment.NewLine + exception;
            }

            var writer = logLevel >= LogLevel.Error ? Console.Error : Console.Out;
            lock (s_gate)
            {
                writer.WriteLine(line);
            }
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
