using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using Portable.Functions.OpenTelemetry;

namespace Portable.Functions.OpenTelemetry.Tests;

/// <summary>The package wired with the OpenTelemetry in-memory exporters: what an app exports, kept in lists.</summary>
internal sealed class TelemetryCapture
{
    public List<Activity> Spans { get; } = [];

    public List<Metric> Metrics { get; } = [];

    public List<LogRecord> Logs { get; } = [];

    /// <summary>Calls <c>UseOpenTelemetry</c> with the in-memory exporters (and a batching span processor when asked, to see the flush).</summary>
    public void Configure(FunctionAppBuilder builder, bool batchSpans = false) => builder.UseOpenTelemetry(options =>
    {
        options.ConfigureTracing = tracing =>
        {
            if (batchSpans)
            {
                // A delay far past the test: spans reach the list only through a flush.
                tracing.AddProcessor(new BatchActivityExportProcessor(new InMemoryExporter<Activity>(Spans), scheduledDelayMilliseconds: 600_000));
            }
            else
            {
                tracing.AddInMemoryExporter(Spans);
            }
        };
        options.ConfigureMetrics = metrics => metrics.AddInMemoryExporter(Metrics);
        options.ConfigureLogging = logging => logging.AddInMemoryExporter(Logs);
    });

    /// <summary>The one span of the invocation with this id.</summary>
    public Activity Span(string invocationId)
    {
        lock (Spans)
        {
            return Assert.Single(Spans, s => (string?)s.GetTagItem("faas.invocation_id") == invocationId);
        }
    }

    /// <summary>The last exported value of a FaaS metric for a function (count for the histogram, sum for counters).</summary>
    public long Value(string name, string function)
    {
        var metric = Metrics.LastOrDefault(m => m.Name == name);
        if (metric is null)
        {
            return 0;
        }

        long total = 0;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var matches = false;
            foreach (var tag in point.Tags)
            {
                matches |= tag.Key == "faas.name" && (string?)tag.Value == function;
            }

            if (matches)
            {
                total += metric.MetricType == MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong();
            }
        }

        return total;
    }

    /// <summary>The <c>faas.trigger</c> of the metric's points for a function.</summary>
    public string? Trigger(string name, string function)
    {
        var metric = Metrics.LastOrDefault(m => m.Name == name);
        if (metric is null)
        {
            return null;
        }

        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            string? trigger = null, fn = null;
            foreach (var tag in point.Tags)
            {
                trigger = tag.Key == "faas.trigger" ? (string?)tag.Value : trigger;
                fn = tag.Key == "faas.name" ? (string?)tag.Value : fn;
            }

            if (fn == function)
            {
                return trigger;
            }
        }

        return null;
    }
}
