using Microsoft.Extensions.Logging;

namespace Portable.Functions.Aws.Tests;

/// <summary>The real Lambda runtime loop of an app, running against a <see cref="FakeRuntimeApi"/>.</summary>
internal sealed class LambdaTestHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private LambdaTestHost(FakeRuntimeApi api, FunctionApp app)
    {
        Api = api;
        App = app;
        Run = Task.Run(() => app.RunAsync(_stop.Token));
    }

    public FakeRuntimeApi Api { get; }

    public FunctionApp App { get; }

    /// <summary>The app's run: completes with 0 when it stops (cancellation, SIGTERM), 1 when it fails.</summary>
    public Task<int> Run { get; }

    /// <summary>Starts the HelloHttp sample's app (the same code as the sample's Program) on the fake API.</summary>
    public static Task<LambdaTestHost> StartSampleAsync(Action<AwsOptions>? configure = null, Action<FunctionAppBuilder>? setup = null, CapturingLoggerProvider? logs = null) =>
        StartAsync(HelloHttp.HelloHttpApp.Build, configure, setup, logs: logs);

    public static async Task<LambdaTestHost> StartAsync(
        Func<FunctionAppBuilder, FunctionApp> build,
        Action<AwsOptions>? configure = null,
        Action<FunctionAppBuilder>? setup = null,
        int maxResponseBytes = 6 * 1024 * 1024,
        CapturingLoggerProvider? logs = null)
    {
        var api = await FakeRuntimeApi.StartAsync(maxResponseBytes);
        var builder = FunctionApp.CreateBuilder();
        setup?.Invoke(builder);
        builder.UseAws(options =>
        {
            options.RuntimeApi = api.Address;
            options.Handler = string.Empty;
            configure?.Invoke(options);
        });
        if (logs is not null)
        {
            // After UseAws, which replaces the logging providers with Lambda's.
            builder.Logging.AddProvider(logs);
        }

        return new LambdaTestHost(api, build(builder));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Tests that expect a failure assert it themselves.
        }

        await Api.DisposeAsync();
        await App.DisposeAsync();
        _stop.Dispose();
    }
}
