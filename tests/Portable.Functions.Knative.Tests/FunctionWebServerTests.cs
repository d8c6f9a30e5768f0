using System.Net;
using Microsoft.Extensions.Logging;
using Portable.Functions.AspNetCore;

namespace Portable.Functions.Knative.Tests;

/// <summary>The bridge's Kestrel bootstrap with an adapter's own handler, as GCP and others compose it.</summary>
public sealed class FunctionWebServerTests
{
    [Fact]
    public async Task NotFoundPaths_Answer404_WithoutReachingTheHandler()
    {
        var calls = 0;
        await using var app = Build();
        var options = new FunctionWebServerOptions { Port = 0, BindAddress = IPAddress.Loopback };
        options.NotFoundPaths.Add("/blocked");
        await using var server = await FunctionWebServer.StartAsync(app, new PlatformInfo("test"), options, _ => http =>
        {
            Interlocked.Increment(ref calls);
            return http.WriteFunctionResponseAsync(new FunctionResponse(200), app.Logger);
        });
        using var client = new HttpClient { BaseAddress = server.Addresses[0] };

        using var blocked = await client.GetAsync("/BLOCKED/child");
        using var similar = await client.GetAsync("/blockedness");

        Assert.Equal(HttpStatusCode.NotFound, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, similar.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task HealthPaths_Answer200_AndTheHandlerSeesTheServersPlatform()
    {
        await using var app = Build();
        var options = new FunctionWebServerOptions { Port = 0, BindAddress = IPAddress.Loopback };
        options.HealthPaths.Add("/ready");
        await using var server = await FunctionWebServer.StartAsync(app, new PlatformInfo("test"), options, web => http =>
            http.WriteFunctionResponseAsync(FunctionResponse.Text(web.Platform.Name), app.Logger));
        using var client = new HttpClient { BaseAddress = server.Addresses[0] };

        using var ready = await client.GetAsync("/ready");
        var other = await client.GetStringAsync("/other");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(0, ready.Content.Headers.ContentLength);
        Assert.Equal("test", other);
    }

    [Fact]
    public async Task KeptAliveConnection_ReusesTheContext_WithNothingLeftFromTheRequestBefore()
    {
        await using var app = Build();
        var contexts = new List<(Microsoft.AspNetCore.Http.HttpContext Context, int ItemsBefore, string Path)>();
        await using var server = await FunctionWebServer.StartAsync(app, new PlatformInfo("test"), Loopback(), _ => http =>
        {
            lock (contexts)
            {
                contexts.Add((http, http.Items.Count, http.Request.Path.Value!));
            }

            http.Items["seen"] = true;
            return http.WriteFunctionResponseAsync(FunctionResponse.Text(http.Request.Path.Value!), app.Logger);
        });
        using var client = new HttpClient { BaseAddress = server.Addresses[0] };

        var first = await client.GetStringAsync("/one");
        var second = await client.GetStringAsync("/two");

        Assert.Equal(("/one", "/two"), (first, second));
        Assert.Equal(2, contexts.Count);
        Assert.Same(contexts[0].Context, contexts[1].Context);
        Assert.Equal(0, contexts[1].ItemsBefore);
        Assert.Equal("/two", contexts[1].Path);
    }

    [Fact]
    public async Task StopAsync_CalledTwice_IsOneStop_AndTheServerNoLongerAccepts()
    {
        await using var app = Build();
        await using var server = await FunctionWebServer.StartAsync(app, new PlatformInfo("test"), Loopback(), _ => http =>
            http.WriteFunctionResponseAsync(new FunctionResponse(200), app.Logger));
        var address = server.Addresses[0];

        var first = server.StopAsync();
        var second = server.StopAsync();
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Same(first, second);
        using var client = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(address));
    }

    [Fact]
    public async Task WaitForShutdownAsync_StopsTheServer_WhenItsTokenFires()
    {
        await using var app = Build();
        await using var server = await FunctionWebServer.StartAsync(app, new PlatformInfo("test"), Loopback(), _ => http =>
            http.WriteFunctionResponseAsync(new FunctionResponse(200), app.Logger));
        using var client = new HttpClient { BaseAddress = server.Addresses[0] };
        using var served = await client.GetAsync("/");
        using var cancel = new CancellationTokenSource();

        var waiting = server.WaitForShutdownAsync(cancel.Token);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        using var fresh = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(server.Addresses[0]));
    }

    [Fact]
    public async Task ContextReadAfterItsRequestFinished_ThrowsObjectDisposed()
    {
        await using var app = Build();
        Microsoft.AspNetCore.Http.HttpContext? captured = null;
        await using var server = await FunctionWebServer.StartAsync(app, new PlatformInfo("test"), Loopback(), _ => http =>
        {
            captured = http;
            return http.WriteFunctionResponseAsync(new FunctionResponse(200), app.Logger);
        });
        using var client = new HttpClient { BaseAddress = server.Addresses[0] };

        using var response = await client.GetAsync("/done");
        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Throws<ObjectDisposedException>(() => captured!.Request.Path);
    }

    private static FunctionWebServerOptions Loopback() => new() { Port = 0, BindAddress = IPAddress.Loopback };

    private static FunctionApp Build()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        return builder.Build();
    }
}
