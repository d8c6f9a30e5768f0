using System.Diagnostics.Metrics;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

/// <summary>
/// Without a listener the pipeline reads no start time; an invocation already running when a listener
/// subscribes must then record no duration (not one measured from time zero), but still count.
/// </summary>
public sealed class DurationMetricTests
{
    [Fact]
    public async Task InvocationRunningWhenAListenerSubscribes_IsCounted_WithoutADuration()
    {
        var name = "late-listener-" + Guid.NewGuid().ToString("N");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = TestApp.Create(a => a.MapGet("/late", async (_, _) =>
        {
            await release.Task;
            return new FunctionResponse(200);
        }).WithName(name));

        var durations = new List<double>();
        var counted = 0L;
        var running = app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/late"));
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FunctionInvoker.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "faas.invoke_duration" && HasName(tags, name))
                {
                    lock (durations)
                    {
                        durations.Add(value);
                    }
                }
            });
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "faas.invocations" && HasName(tags, name))
                {
                    Interlocked.Add(ref counted, value);
                }
            });
            listener.Start();

            release.SetResult();
            Assert.Equal(200, (await running).StatusCode);

            // The next invocation starts with the listener on: its duration is recorded.
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            release = next;
            next.SetResult();
            Assert.Equal(200, (await app.Freeze().InvokeHttpAsync(new FunctionRequest("GET", "/late"))).StatusCode);
        }

        Assert.Equal(2, Interlocked.Read(ref counted));
        var duration = Assert.Single(durations);
        Assert.InRange(duration, 0, 60);
    }

    private static bool HasName(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "faas.name" && Equals(tag.Value, name))
            {
                return true;
            }
        }

        return false;
    }
}
