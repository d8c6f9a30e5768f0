using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// Lambda Managed Instances: with <c>AWS_LAMBDA_MAX_CONCURRENCY</c> the real loop runs that many <c>/next</c>
/// loops in one process against a fake Runtime API that hands out overlapping invocations, and nothing
/// of one invocation leaks into another: response, DI scope, deadline, trace, and every log line's
/// request id and trace id, including the framework's own lines before and after the handler.
/// </summary>
[Collection(RuntimeLoopCollection.Name)]
public sealed class ManagedInstancesTests
{
    private const int Slots = 8;
    private const int Invocations = 1_000;
    private const int ResponseLimit = 64 * 1024;

    [Fact]
    public async Task EightSlots_ThousandOverlappingInvocations_NoCrossTalkInResponsesScopesOrLogLines()
    {
        const string sentinel = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0";
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", sentinel);
        var log = new StringWriter();
        await using var api = await FakeRuntimeApi.StartAsync(ResponseLimit);
        api.MaxConcurrency = Slots;
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration["AWS_LAMBDA_MAX_CONCURRENCY"] = Slots.ToString(CultureInfo.InvariantCulture);
        builder.Services.AddScoped<ScopeProbe>();
        builder.UseAws(options =>
        {
            options.RuntimeApi = api.Address;
            options.Handler = string.Empty;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new AwsLoggerProvider(json: true, TextWriter.Synchronized(log)));
        await using var app = builder.Build();
        app.MapGet("/echo", async (request, context) =>
        {
            var marker = int.Parse(request.Query["m"].ToString(), CultureInfo.InvariantCulture);
            var delay = int.Parse(request.Query["d"].ToString(), CultureInfo.InvariantCulture);
            var probe = context.Services.GetRequiredService<ScopeProbe>();
            probe.Marker = marker;
            context.Logger.LogInformation("start {Marker}", marker);
            await Task.Delay(delay, context.CancellationToken);
            if (marker % 50 == 0)
            {
                // The pipeline's own error line after the handler must carry this invocation's ids.
                throw new InvalidOperationException($"boom {marker}");
            }

            if (marker % 97 == 0)
            {
                // Over the fake's response limit: the adapter's own line after the answer carries the ids.
                return FunctionResponse.Text(new string('x', ResponseLimit * 2));
            }

            context.Logger.LogInformation("end {Marker}", marker);
            var native = context.GetNative<AwsInvocation>()!;
            return FunctionResponse.Text(string.Join('|', marker, probe.Marker, context.InvocationId, native.TraceId,
                context.TraceContext.TraceId.ToHexString(), context.Deadline.ToUnixTimeMilliseconds(), Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID")));
        });
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => app.RunAsync(stop.Token));
        var baseDeadline = DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeMilliseconds();
        var random = new Random(18);

        var calls = new Task<FakeResult>[Invocations];
        for (var i = 1; i <= Invocations; i++)
        {
            var marker = i;
            calls[i - 1] = api.InvokeAsync(Events.HttpApi("GET", "/echo", $"m={i}&d={random.Next(0, 5)}"), h =>
            {
                h["Lambda-Runtime-Aws-Request-Id"] = RequestId(marker);
                h["Lambda-Runtime-Trace-Id"] = Trace(marker);
                h["Lambda-Runtime-Deadline-Ms"] = (baseDeadline + marker).ToString(CultureInfo.InvariantCulture);
            });
        }

        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));

        for (var i = 1; i <= Invocations; i++)
        {
            var result = results[i - 1];
            if (i % 50 == 0)
            {
                Assert.Equal(500, result.Json.GetProperty("statusCode").GetInt32());
            }
            else if (i % 97 == 0)
            {
                Assert.Equal("too-large", result.Kind);
            }
            else
            {
                Assert.Equal("response", result.Kind);
                var body = result.Json.GetProperty("body").GetString();
                Assert.Equal(
                    string.Join('|', i, i, RequestId(i), Trace(i), $"5759e988{i:x24}", baseDeadline + i, sentinel),
                    body);
            }
        }

        Assert.InRange(api.PeakOpen, 2, Slots);
        Assert.Equal(0, api.RefusedNext);
        Assert.Equal(sentinel, Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"));

        var starts = 0;
        var ends = 0;
        var errors = new HashSet<int>();
        var tooLarge = new HashSet<int>();
        foreach (var line in log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = JsonDocument.Parse(line).RootElement;
            if (!entry.TryGetProperty("requestId", out var requestId))
            {
                // Process lines (start, stop) belong to no invocation.
                Assert.DoesNotContain("Marker", line, StringComparison.Ordinal);
                continue;
            }

            var owner = int.Parse(requestId.GetString()!.AsSpan(4, 4), CultureInfo.InvariantCulture);
            Assert.Equal(RequestId(owner), requestId.GetString());
            Assert.Equal(Trace(owner), entry.GetProperty("traceId").GetString());
            if (entry.TryGetProperty("Marker", out var marker))
            {
                Assert.Equal(owner, marker.GetInt32());
                _ = entry.GetProperty("message").GetString()!.StartsWith("start", StringComparison.Ordinal) ? starts++ : ends++;
            }
            else if (entry.TryGetProperty("errorMessage", out var error))
            {
                Assert.Equal($"boom {owner}", error.GetString());
                errors.Add(owner);
            }
            else if (entry.GetProperty("message").GetString()!.Contains("response limit", StringComparison.Ordinal))
            {
                tooLarge.Add(owner);
            }
        }

        Assert.Equal(Invocations, starts);
        Assert.Equal(Invocations - (Invocations / 50) - Enumerable.Range(1, Invocations).Count(i => i % 97 == 0 && i % 50 != 0), ends);
        Assert.Equal(Enumerable.Range(1, Invocations).Where(i => i % 50 == 0).ToHashSet(), errors);
        Assert.Equal(Enumerable.Range(1, Invocations).Where(i => i % 97 == 0 && i % 50 != 0).ToHashSet(), tooLarge);
    }

    [Fact]
    public async Task WithoutMaxConcurrency_OneInvocationAtATime_AndTheTraceVariableIsSet()
    {
        var seen = new ConcurrentQueue<string?>();
        await using var host = await LambdaTestHost.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapGet("/one", async (request, context) =>
            {
                seen.Enqueue(Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"));
                await Task.Delay(2, context.CancellationToken);
                return FunctionResponse.Text("ok");
            });
            return app;
        });

        var calls = Enumerable.Range(1, 20).Select(i => host.Api.InvokeAsync(Events.HttpApi("GET", "/one"), h => h["Lambda-Runtime-Trace-Id"] = Trace(i))).ToArray();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal("response", r.Kind));
        Assert.Equal(1, host.Api.PeakOpen);
        Assert.Equal(0, host.Api.RefusedNext);
        Assert.Equal(Enumerable.Range(1, 20).Select(Trace).Order(), seen.Order());
    }

    [Fact]
    public async Task MaxConcurrencyNotANumber_ServesOneAtATime_WithAWarning()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await LambdaTestHost.StartSampleAsync(setup: b => b.Configuration["AWS_LAMBDA_MAX_CONCURRENCY"] = "many", logs: logs);

        var results = await Task.WhenAll(Enumerable.Range(1, 5).Select(_ => host.Api.InvokeAsync(Events.HttpApi("GET", "/hello", "name=Ada"))));

        Assert.All(results, r => Assert.Equal("response", r.Kind));
        Assert.Equal(1, host.Api.PeakOpen);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("AWS_LAMBDA_MAX_CONCURRENCY='many'", StringComparison.Ordinal));
    }

    private static string RequestId(int marker) => $"req-{marker:D4}-{marker * 7919:x8}";

    private static string Trace(int marker) => $"Root=1-5759e988-{marker:x24};Parent={marker:x16};Sampled=1";

    private sealed class ScopeProbe
    {
        public int Marker { get; set; }
    }
}
