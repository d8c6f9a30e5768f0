using System.Collections.Concurrent;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Tests;

/// <summary>
/// SnapStart on a custom runtime, against the fake Runtime API following the sequence AWS documents in
/// "Implementing SnapStart hooks for container images": init, warm-up, before-snapshot hooks (last
/// registered first), <c>GET /runtime/restore/next</c> held open across the snapshot, after-restore hooks
/// (in registration order), then <c>/invocation/next</c>; failures go to <c>/init/error</c> or <c>/restore/error</c>.
/// </summary>
[Collection(RuntimeLoopCollection.Name)]
public sealed class SnapStartTests
{
    [Fact]
    public async Task SnapStart_WarmUpThenBeforeHooksReversed_RestoreNext_ThenAfterHooksInOrder_ThenInvocations()
    {
        var steps = new ConcurrentQueue<string>();
        await using var host = await StartAsync(steps, options => options.SnapStartWarmUp.Add("GET /step?name=warm"));

        await host.Api.RestoreRequested.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // The snapshot is taken while /restore/next is open: init and the before hooks are done, nothing after.
        Assert.Equal(["handler warm", "before 2", "before 1"], steps);
        Assert.DoesNotContain("GET invocation/next", host.Api.Calls);

        host.Api.ReleaseRestore();
        var result = await host.Api.InvokeAsync(Events.HttpApi("GET", "/step", "name=real"));

        Assert.Equal("response", result.Kind);
        Assert.Equal(["handler warm", "before 2", "before 1", "after 1", "after 2", "handler real"], steps);
        var calls = host.Api.Calls.ToList();
        Assert.True(calls.IndexOf("GET restore/next") < calls.IndexOf("GET invocation/next"), string.Join(", ", calls));
    }

    [Fact]
    public async Task SnapStart_FailingAfterRestoreHook_PostsRestoreError_SkipsLaterHooks_AndExitsNonZero()
    {
        var steps = new ConcurrentQueue<string>();
        await using var host = await StartAsync(steps, failAfterRestore: true);
        await host.Api.RestoreRequested.Task.WaitAsync(TimeSpan.FromSeconds(20));

        host.Api.ReleaseRestore();
        var error = await host.Api.RestoreError.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(AwsSnapStart.AfterRestoreErrorType, error.ErrorTypeHeader);
        Assert.Equal("cannot reopen the pool", error.Json.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", error.Json.GetProperty("errorType").GetString());
        Assert.Equal(1, await host.Run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(["before 2", "before 1", "after 1 fails"], steps);
        Assert.DoesNotContain("GET invocation/next", host.Api.Calls);
    }

    [Fact]
    public async Task SnapStart_FailingBeforeSnapshotHook_IsAnInitError_AndNoRestoreIsRequested()
    {
        var steps = new ConcurrentQueue<string>();
        await using var host = await StartAsync(steps, failBeforeSnapshot: true);

        var error = await host.Api.InitError.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(AwsSnapStart.BeforeSnapshotErrorType, error.ErrorTypeHeader);
        Assert.Equal("cannot flush", error.Json.GetProperty("errorMessage").GetString());
        Assert.Equal(1, await host.Run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.DoesNotContain("GET restore/next", host.Api.Calls);
        Assert.DoesNotContain("GET invocation/next", host.Api.Calls);
    }

    [Fact]
    public async Task OnDemandStart_NeverRunsTheHooks_NorCallsRestore()
    {
        var steps = new ConcurrentQueue<string>();
        await using var host = await StartAsync(steps, initializationType: "on-demand");

        var result = await host.Api.InvokeAsync(Events.HttpApi("GET", "/step", "name=real"));

        Assert.Equal("response", result.Kind);
        Assert.Equal(["handler real"], steps);
        Assert.DoesNotContain("GET restore/next", host.Api.Calls);
    }

    [Fact]
    public async Task Lifecycle_IsTheBuildersObject_AndRunsOnlyWhenAHostAsks()
    {
        var steps = new List<string>();
        var builder = FunctionApp.CreateBuilder();
        Assert.False(builder.Lifecycle.HasHooks);
        builder.Lifecycle.OnBeforeSnapshot(_ => Add(steps, "before")).OnAfterRestore(_ => Add(steps, "after"));
        await using var app = builder.Build();

        Assert.Same(builder.Lifecycle, app.Lifecycle);
        Assert.True(app.Lifecycle.HasHooks);
        Assert.Empty(steps);
        await app.RunBeforeSnapshotHooksAsync(CancellationToken.None);
        await app.RunAfterRestoreHooksAsync(CancellationToken.None);
        Assert.Equal(["before", "after"], steps);
    }

    private static Task Add(ICollection<string> steps, string step)
    {
        lock (steps)
        {
            steps.Add(step);
        }

        return Task.CompletedTask;
    }

    private static Task<LambdaTestHost> StartAsync(
        ConcurrentQueue<string> steps,
        Action<AwsOptions>? configure = null,
        bool failBeforeSnapshot = false,
        bool failAfterRestore = false,
        string initializationType = "snap-start") =>
        LambdaTestHost.StartAsync(
            builder =>
            {
                builder.Lifecycle.OnBeforeSnapshot(_ => Step(steps, "before 1"));
                builder.Lifecycle.OnBeforeSnapshot(_ => failBeforeSnapshot ? throw new InvalidOperationException("cannot flush") : Step(steps, "before 2"));
                builder.Lifecycle.OnAfterRestore(_ => failAfterRestore ? Fail(steps) : Step(steps, "after 1"));
                builder.Lifecycle.OnAfterRestore(_ => Step(steps, "after 2"));
                var app = builder.Build();
                app.MapGet("/step", (request, context) =>
                {
                    steps.Enqueue("handler " + request.Query["name"]);
                    return Task.FromResult(FunctionResponse.Text("ok"));
                });
                return app;
            },
            configure,
            setup: builder => builder.Configuration["AWS_LAMBDA_INITIALIZATION_TYPE"] = initializationType);

    private static Task Step(ConcurrentQueue<string> steps, string step)
    {
        steps.Enqueue(step);
        return Task.CompletedTask;
    }

    private static Task Fail(ConcurrentQueue<string> steps)
    {
        steps.Enqueue("after 1 fails");
        throw new InvalidOperationException("cannot reopen the pool");
    }
}
