using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenTelemetry;

/// <summary>
/// Flushes the providers this package built before Lambda freezes the process (the adapter calls
/// <see cref="FunctionInvoker.FlushBeforeFreeze(DateTimeOffset?)"/> before posting the response), and
/// disposes them (a final flush) when the process exits.
/// </summary>
internal sealed class TelemetryFlush : IFlushBeforeFreeze
{
    private readonly TracerProvider? _tracing;
    private readonly MeterProvider? _metrics;
    private readonly IServiceProvider? _services;

    public TelemetryFlush(TracerProvider? tracing, MeterProvider? metrics, IServiceProvider? services)
    {
        _tracing = tracing;
        _metrics = metrics;
        _services = services;
    }

    public void Flush(TimeSpan timeout)
    {
        // The budget is shared: each provider gets what the previous ones left.
        var end = DateTime.UtcNow + timeout;
        _tracing?.ForceFlush(Left(end));
        _metrics?.ForceFlush(Left(end));
        if (_services?.GetService<LoggerProvider>() is { } logs)
        {
            logs.ForceFlush(Left(end));
        }
    }

    /// <summary>Shuts the trace and metric providers down (a last export).</summary>
    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
    }

    private static int Left(DateTime end)
    {
        var left = (end - DateTime.UtcNow).TotalMilliseconds;
        return left <= 0 ? 0 : (int)Math.Min(left, int.MaxValue);
    }
}
