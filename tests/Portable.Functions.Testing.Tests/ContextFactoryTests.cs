using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Testing.Tests;

/// <summary>A class-based function unit-tested on its own with <see cref="FunctionTestHost.CreateContext"/>.</summary>
public sealed class ContextFactoryTests
{
    private static readonly DateTimeOffset s_noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateContext_GivesTheFunctionTheAppsServices_AndCapturesItsLogs()
    {
        await using var host = FunctionTestHost.Create(ClockApp.Build, o => o.ConfigureServices = s => s.AddSingleton<IClock>(new FixedClock(s_noon)));
        var context = host.CreateContext("stamper", invocationId: "unit-1");

        var stamp = await new Stamper().RunAsync(new Tick(5), context);

        Assert.Equal(new Stamp("tick-5", s_noon, "unit"), stamp);
        var line = Assert.Single(host.Logs, l => l.Category == "Function.stamper");
        Assert.Equal("stamped 5", line.Message);
    }

    [Fact]
    public async Task CreateContext_CancellationAndDeadline_ReachTheFunction()
    {
        await using var host = FunctionTestHost.Create(ClockApp.Build);
        using var cancel = new CancellationTokenSource();
        var context = host.CreateContext(deadline: s_noon, cancellationToken: cancel.Token);

        await cancel.CancelAsync();

        Assert.True(context.CancellationToken.IsCancellationRequested);
        Assert.Equal(s_noon, context.Deadline);
    }

    /// <summary>A user's class-based function: reads a service from the context and logs.</summary>
    private sealed class Stamper
    {
        public Task<Stamp> RunAsync(Tick tick, FunctionContext context)
        {
            var clock = context.Services.GetRequiredService<IClock>();
            context.Logger.LogInformation("stamped {N}", tick.N);
            return Task.FromResult(new Stamp($"tick-{tick.N}", clock.Now, "unit"));
        }
    }
}
