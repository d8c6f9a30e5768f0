using Portable.Functions.Hosting;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.OpenWhisk.Tests;

/// <summary>The protocol runtime over a real app, with the log markers captured.</summary>
internal sealed class RuntimeFixture : IAsyncDisposable
{
    private RuntimeFixture(FunctionApp app, OpenWhiskRuntime runtime, StringWriter output, StringWriter error)
    {
        App = app;
        Runtime = runtime;
        Output = output;
        Error = error;
    }

    public FunctionApp App { get; }

    public OpenWhiskRuntime Runtime { get; }

    public StringWriter Output { get; }

    public StringWriter Error { get; }

    public static RuntimeFixture Sample(Action<OpenWhiskOptions>? configure = null, Action<FunctionAppBuilder>? setup = null) =>
        Create(HelloHttp.HelloHttpApp.Build, configure, setup);

    public static RuntimeFixture Create(Func<FunctionAppBuilder, FunctionApp> build, Action<OpenWhiskOptions>? configure = null, Action<FunctionAppBuilder>? setup = null)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        setup?.Invoke(builder);
        var app = build(builder);
        var options = new OpenWhiskOptions();
        configure?.Invoke(options);
        var output = new StringWriter();
        var error = new StringWriter();
        var runtime = new OpenWhiskRuntime(app, app.Freeze(), options) { MarkerOut = output, MarkerError = error };
        return new RuntimeFixture(app, runtime, output, error);
    }

    public OpenWhiskAnswer Init(string name = "hello-app", string main = "main", IReadOnlyDictionary<string, string>? env = null) =>
        Runtime.Init(OpenWhiskPayloads.Init(name, main, env));

    public Task<OpenWhiskAnswer> RunAsync(string valueJson, string activationId = "a1b2c3", DateTimeOffset? deadline = null) =>
        Runtime.RunAsync(OpenWhiskPayloads.Run(valueJson, activationId, deadline), CancellationToken.None, CancellationToken.None);

    public static string Text(OpenWhiskAnswer answer) => Encoding.UTF8.GetString(answer.Body);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
