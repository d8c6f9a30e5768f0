using System.Net;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Gcp.Tests;

/// <summary>Limits as Cloud Run functions has them: a 32 MiB request body, and HEAD answered with GET's Content-Length.</summary>
public sealed class PlatformLimitsTests
{
    [Fact]
    public void ActiveHost_BodyLimit_IsThePlatforms32MiB()
    {
        var builder = FunctionApp.CreateBuilder(["--target", "f"]);
        builder.Logging.ClearProviders();

        builder.UseGcp();

        Assert.Equal(33_554_432, builder.Options.MaxRequestBodySize);
    }

    [Fact]
    public void ExplicitBodyLimit_Wins()
    {
        var builder = FunctionApp.CreateBuilder(["--target", "f", "--PORTABLE_MAX_BODY_BYTES=1000"]);
        builder.Logging.ClearProviders();

        builder.UseGcp();

        Assert.Equal(1000, builder.Options.MaxRequestBodySize);
    }

    [Fact]
    public void InactiveHost_LeavesTheBodyLimitAlone()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        var before = builder.Options.MaxRequestBodySize;

        builder.UseGcp();

        Assert.Equal(before, builder.Options.MaxRequestBodySize);
    }

    [Fact]
    public async Task Head_CarriesTheContentLengthOfGet_WithoutABody()
    {
        await using var server = await GcpTestServer.StartAsync("hello", app => app.MapGet("/", (r, c) => Task.FromResult(FunctionResponse.Text("hello, world"))).WithName("hello"));

        using var get = await server.Client.GetAsync("/");
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(12, get.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
