using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Portable.Functions.Testing.Tests;

public interface IClock
{
    DateTimeOffset Now { get; }
}

public sealed class SystemClock : IClock
{
    public DateTimeOffset Now => DateTimeOffset.UtcNow;
}

public sealed class FixedClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset Now => now;
}

public sealed record Stamp(string Label, DateTimeOffset At, string Region);

public sealed record Tick(int N);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Stamp))]
[JsonSerializable(typeof(Tick))]
public sealed partial class ClockJson : JsonSerializerContext;

/// <summary>A user's app with a service, a configuration value, a typed function, a slow function and an event function.</summary>
public static class ClockApp
{
    public static FunctionApp Build(FunctionAppBuilder builder)
    {
        builder.AddJsonContext(ClockJson.Default);
        var region = builder.Configuration["Clock:Region"] ?? "none";
        builder.Services.AddSingleton<IClock, SystemClock>();
        var app = builder.Build();

        app.MapPost<Tick, Stamp>("/stamp", (tick, context) =>
            Task.FromResult(new Stamp($"tick-{tick.N}", context.Services.GetRequiredService<IClock>().Now, region))).WithName("stamp");

        app.MapGet("/slow", async (request, context) =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new FunctionResponse(200);
        });

        app.MapEvent<Tick>("tick", (e, context) => e.Data.N switch
        {
            < 0 => throw new DropEventException("negative"),
            0 => throw new InvalidOperationException("zero"),
            _ => Task.CompletedTask,
        });

        return app;
    }
}
