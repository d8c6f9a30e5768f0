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

    private static FunctionApp Build()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        return builder.Build();
    }
}
