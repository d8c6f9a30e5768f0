using Microsoft.Extensions.Logging;

namespace Portable.Functions.Hosting;

/// <summary>
/// The base of a platform's log format (for adapter authors): one line per entry, formatted by
/// <see cref="Format"/> and written synchronously under a lock, then flushed. Serverless platforms collect
/// stdout line by line and may freeze the process right after an invocation's answer, so there is no
/// background queue that could hold a line back; the lock keeps concurrent invocations' lines whole.
/// </summary>
/// <remarks>
/// The core's console format, Lambda's text/JSON formats and Cloud Logging's JSON derive from it. Scopes
/// are not supported (<c>BeginScope</c> returns null): the invocation's fields come from
/// <see cref="InvocationLogFields.Current"/>, which the core sets for every line written inside an
/// invocation. An exception thrown by <see cref="Format"/> propagates to the caller of <c>Log</c>.
/// </remarks>
public abstract class LineLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly TextWriter? _output;
    private readonly TextWriter? _error;
    private readonly bool _errorToStandardError;

    /// <summary>Creates the provider.</summary>
    /// <param name="output">Where lines go; null for the console's standard output at the time of writing.</param>
    /// <param name="error">Where Error and Critical lines go; null for the same writer as the other lines.</param>
    protected LineLoggerProvider(TextWriter? output = null, TextWriter? error = null)
        : this(output, error, errorToStandardError: false)
    {
    }

    /// <summary>
    /// The core's console format: with no <paramref name="error"/> writer, Error and Critical lines go to the
    /// console's standard error, looked up when such a line is written (a start that logs nothing never sets
    /// the console up).
    /// </summary>
    internal LineLoggerProvider(TextWriter? output, TextWriter? error, bool errorToStandardError)
    {
        _output = output;
        _error = error;
        _errorToStandardError = errorToStandardError;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    /// <summary>Does nothing: the provider holds no resources of its own (the writers are the caller's).</summary>
    public void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Formats one entry as one line (a JSON object for the JSON formats; text may add the exception on further lines).</summary>
    /// <param name="level">The entry's level (never <see cref="LogLevel.None"/>).</param>
    /// <param name="category">The logger's category.</param>
    /// <param name="message">The formatted message.</param>
    /// <param name="exception">The exception logged with the entry, if any.</param>
    /// <param name="state">The structured state (named template values and <c>{OriginalFormat}</c>) when the entry has one.</param>
    /// <param name="fields">The invocation the line belongs to, or an empty value outside an invocation.</param>
    /// <returns>The line, without a trailing newline.</returns>
    protected abstract string Format(LogLevel level, string category, string message, Exception? exception, IReadOnlyList<KeyValuePair<string, object?>>? state, InvocationLogFields fields);

    /// <summary>Writes one formatted line to the writer for its level and flushes it.</summary>
    private void Write(LogLevel level, string line)
    {
        var writer = level < LogLevel.Error ? _output ?? Console.Out
            : _error ?? (_errorToStandardError ? Console.Error : _output ?? Console.Out);
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private sealed class LineLogger(LineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var line = provider.Format(logLevel, category, formatter(state, exception), exception, state as IReadOnlyList<KeyValuePair<string, object?>>, InvocationLogFields.Current);
                provider.Write(logLevel, line);
            }
        }
    }
}
