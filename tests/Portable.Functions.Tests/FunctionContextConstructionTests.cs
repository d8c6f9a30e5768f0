using Microsoft.Extensions.DependencyInjection;

namespace Portable.Functions.Tests;

/// <summary>A user unit-tests a class-based function on its own with a context they construct.</summary>
public sealed class FunctionContextConstructionTests
{
    [Fact]
    public async Task ClassBasedFunction_UnitTestedWithAConstructedContext_GetsScopedServices()
    {
        var services = new ServiceCollection().AddScoped<Counter>().BuildServiceProvider();
        var context = new FunctionContext(services, functionName: "count", invocationId: "inv-1");

        var response = await new CountingFunction().HandleAsync(new FunctionRequest("GET", "/count"), context);

        Assert.Equal("count inv-1 1", TestApp.BodyText(response));
        Assert.Same(context.Services.GetRequiredService<Counter>(), context.Services.GetRequiredService<Counter>());
    }

    [Fact]
    public void ConstructedContext_TokenFiresWithTheCallersToken_AndTheDeadlineIsKept()
    {
        using var cancel = new CancellationTokenSource();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        var context = new FunctionContext(deadline: deadline, cancellationToken: cancel.Token);

        Assert.False(context.CancellationToken.IsCancellationRequested);
        cancel.Cancel();

        Assert.True(context.CancellationToken.IsCancellationRequested);
        Assert.Equal(deadline, context.Deadline);
        Assert.Equal("test", context.FunctionName);
    }

    [Fact]
    public void ConstructedContext_PastDeadline_TokenHasFired()
    {
        var context = new FunctionContext(deadline: DateTimeOffset.UtcNow.AddSeconds(-1));

        Assert.True(context.CancellationToken.IsCancellationRequested);
        Assert.Equal(TimeSpan.Zero, context.RemainingTime);
    }

    public sealed class Counter
    {
        public int Value { get; set; }
    }

    private sealed class CountingFunction : IHttpFunction
    {
        public Task<FunctionResponse> HandleAsync(FunctionRequest request, FunctionContext context)
        {
            var counter = context.Services.GetRequiredService<Counter>();
            counter.Value++;
            return Task.FromResult(FunctionResponse.Text($"{context.FunctionName} {context.InvocationId} {counter.Value}"));
        }
    }
}
