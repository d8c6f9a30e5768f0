using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Portable.Functions.AspNetCore;

namespace Portable.Functions.OpenWhisk.Tests;

/// <summary>
/// The invoker side of the action interface on loopback, written from apache/openwhisk
/// docs/actions-new.md and Container.scala / ContainerProxy.scala: it starts the action runtime (the real
/// host on Kestrel, port 0 on 127.0.0.1), POSTs <c>{"value": {...}}</c> to <c>/init</c> once, then
/// <c>/run</c> bodies with the activation context, each bounded by the action's time limit, and reads one
/// JSON object back. The runtime's log markers are captured instead of going to the console.
/// </summary>
internal sealed class InvokerDouble : IAsyncDisposable
{
    private InvokerDouble(FunctionApp app, FunctionWebServer server, StringWriter output, StringWriter error)
    {
        App = app;
        Server = server;
        Output = output;
        Error = error;
        Client = new HttpClient { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromSeconds(30) };
    }

    public FunctionApp App { get; }

    public FunctionWebServer Server { get; }

    public HttpClient Client { get; }

    public StringWriter Output { get; }

    public StringWriter Error { get; }

    public static Task<InvokerDouble> StartSampleAsync(Action<OpenWhiskOptions>? configure = null, Action<FunctionAppBuilder>? setup = null) =>
        StartAsync(HelloHttp.HelloHttpApp.Build, configure, setup);

    public static async Task<InvokerDouble> StartAsync(Func<FunctionAppBuilder, FunctionApp> build, Action<OpenWhiskOptions>? configure = null, Action<FunctionAppBuilder>? setup = null)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        setup?.Invoke(builder);
        var app = build(builder);
        var options = new OpenWhiskOptions { Port = 0, BindAddress = IPAddress.Loopback, Enabled = true };
        configure?.Invoke(options);
        var output = new StringWriter();
        var error = new StringWriter();
        var server = await new OpenWhiskHost(options).StartAsync(app, runtime => new OpenWhiskRuntime(app, Hosting.FunctionAppHosting.Freeze(app), options) { MarkerOut = output, MarkerError = error }, CancellationToken.None);
        return new InvokerDouble(app, server, output, error);
    }

    public Task<(HttpStatusCode Status, byte[] Body)> InitAsync(string name = "hello-app", string main = "main") =>
        PostAsync("/init", OpenWhiskPayloads.Init(name, main));

    public Task<(HttpStatusCode Status, byte[] Body)> RunAsync(string valueJson, string activationId = "a1b2c3", DateTimeOffset? deadline = null) =>
        PostAsync("/run", OpenWhiskPayloads.Run(valueJson, activationId, deadline ?? DateTimeOffset.UtcNow.AddSeconds(20)));

    public async Task<(HttpStatusCode Status, byte[] Body)> PostAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync(path, content);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await App.DisposeAsync();
    }
}
