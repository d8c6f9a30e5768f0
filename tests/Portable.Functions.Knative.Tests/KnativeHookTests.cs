using System.Net;
using System.Text;

namespace Portable.Functions.Knative.Tests;

/// <summary>The generic extension points platform adapters plug into the Kestrel host.</summary>
public sealed class KnativeHookTests
{
    [Fact]
    public async Task NotFoundPaths_Answer404_WithoutRouting()
    {
        var calls = 0;
        await using var server = await TestServer.StartAsync(builder => Build(builder, app => app.MapGet("/{*rest}", (request, context) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(new FunctionResponse(200));
        })), options => options.NotFoundPaths.Add("/blocked"));

        using var blocked = await server.Client.GetAsync("/blocked/child");
        using var similar = await server.Client.GetAsync("/blockedness");

        Assert.Equal(HttpStatusCode.NotFound, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, similar.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task EventConverter_TurnsNonCloudEventBodiesIntoEvents_ForAnEventTarget()
    {
        await using var server = await TestServer.StartAsync(
            builder => Build(builder, app => app.MapCloudEvent("t", (cloudEvent, context) =>
                Task.FromResult<CloudEvent?>(new CloudEvent("r", "//reply", "reply") { Subject = cloudEvent.Id + "|" + context.InvocationId + "|" + context.TraceContext.TraceId.ToHexString() })).WithName("target")),
            options =>
            {
                options.TargetFunction = "target";
                options.EventConverter = async (request, token) =>
                {
                    using var reader = new StreamReader(request.Body);
                    return new CloudEvent(await reader.ReadToEndAsync(token), "//converted", "t");
                };
                options.InvocationIdReader = request => request.Headers.GetFirst("X-Id");
                options.TraceParentFallback = request => "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
            });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/any") { Content = new StringContent("native-id", Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Id", "inv-1");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("native-id|inv-1|0af7651916cd43dd8448eb211c80319c", response.Headers.GetValues("ce-subject").Single());
    }

    private static FunctionApp Build(FunctionAppBuilder builder, Action<FunctionApp> map)
    {
        builder.AddJsonContext(HelloHttp.SampleJsonContext.Default);
        var app = builder.Build();
        map(app);
        return app;
    }
}
