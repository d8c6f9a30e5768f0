using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenFaaS.Tests;

/// <summary>The HelloHttp sample behind the of-watchdog double: what the gateway's caller sees.</summary>
public sealed class OpenFaasServerTests
{
    [Fact]
    public async Task Sample_AnswersHttp_ThroughTheWatchdog()
    {
        await using var fixture = await OpenFaasFixture.StartSampleAsync();

        using var response = await fixture.Client.GetAsync("/hello?name=Ada");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, Ada!", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("X-Duration-Seconds"));
    }

    [Fact]
    public async Task Sample_AnswersTypedJson_ThroughTheWatchdog()
    {
        await using var fixture = await OpenFaasFixture.StartSampleAsync();

        using var response = await fixture.Client.PostAsync("/orders", new StringContent("""{"id":"o-1","quantity":2}""", Encoding.UTF8, "application/json"));
        using var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", receipt.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sample_AnswersABinaryCloudEvent_WithTheReplyEvent()
    {
        await using var fixture = await OpenFaasFixture.StartSampleAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent("""{"orderId":"o-7","quantity":3}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "e-1");
        request.Headers.Add("ce-source", "/connector");
        request.Headers.Add("ce-type", "com.example.order.placed");

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("com.example.order.confirmed", response.Headers.GetValues("ce-type").Single());
    }

    [Fact]
    public async Task MalformedInput_GetsProblemJson_ThroughTheWatchdog()
    {
        await using var fixture = await OpenFaasFixture.StartSampleAsync();
        using var badEvent = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{not json", Encoding.UTF8, "application/cloudevents+json") };

        using var order = await fixture.Client.PostAsync("/orders", new StringContent("{\"id\":", Encoding.UTF8, "application/json"));
        using var cloudEvent = await fixture.Client.SendAsync(badEvent);

        Assert.Equal(HttpStatusCode.BadRequest, order.StatusCode);
        Assert.Equal("application/problem+json", order.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, cloudEvent.StatusCode);
        Assert.DoesNotContain("   at ", await cloudEvent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallId_IsTheInvocationId_SentOrAddedByTheGateway()
    {
        await using var fixture = await OpenFaasFixture.StartAsync(EchoApp);
        using var withId = new HttpRequestMessage(HttpMethod.Get, "/ctx");
        withId.Headers.Add("X-Call-Id", "079d9ff9-d7b7-4e37-b195-5ad520e6f797");

        using var sent = await fixture.Client.SendAsync(withId);
        using var added = await fixture.Client.GetAsync("/ctx");

        Assert.StartsWith("079d9ff9-d7b7-4e37-b195-5ad520e6f797|openfaas|", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith(Assert.Single(fixture.Watchdog.GeneratedCallIds) + "|", await added.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task XTimeout_ShortensTheFunctionsDeadline()
    {
        await using var fixture = await OpenFaasFixture.StartAsync(EchoApp, setup: b => b.Configuration["exec_timeout"] = "30s");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ctx");
        request.Headers.Add("X-Timeout", "3s");

        var before = DateTimeOffset.UtcNow;
        using var response = await fixture.Client.SendAsync(request);
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((await response.Content.ReadAsStringAsync()).Split('|')[2], System.Globalization.CultureInfo.InvariantCulture));

        // The app's own timeout is 300 s here; only X-Timeout can bring the deadline within 3 s of the call.
        Assert.InRange(deadline, before, DateTimeOffset.UtcNow.AddSeconds(3));
    }

    [Fact]
    public async Task ExecTimeout_WatchdogAnswers504_AndTheHandlersTokenFires()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = await OpenFaasFixture.StartAsync(builder =>
        {
            var app = builder.Build();
            app.MapGet("/slow", async (request, context) =>
            {
                using var registration = context.CancellationToken.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return new FunctionResponse(200);
            });
            return app;
        }, execTimeout: TimeSpan.FromMilliseconds(300));

        using var response = await fixture.Client.GetAsync("/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("of-watchdog", response.Headers.GetValues("X-OpenFaaS-Internal").Single());
        Assert.Same(cancelled.Task, await Task.WhenAny(cancelled.Task, Task.Delay(TimeSpan.FromSeconds(20))));
    }

    [Fact]
    public async Task ReadyPath_TheWatchdogsForwardedProbe_Answers200()
    {
        await using var fixture = await OpenFaasFixture.StartSampleAsync(readyPath: "/ready");

        using var ready = await fixture.Client.GetAsync("/_/ready");
        using var health = await fixture.Client.GetAsync("/_/health");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task UnusableUpstreamUrl_FailsStartUp_NamingIt()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration["upstream_url"] = "https://127.0.0.1:5000";
        await using var app = HelloHttp.HelloHttpApp.Build(builder);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new OpenFaasHost(new OpenFaasOptions { Enabled = true }).StartAsync(app, CancellationToken.None));

        Assert.Contains("https://127.0.0.1:5000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseOpenFaaS_UnderTheWatchdog_IsActive_AndTakesItsTimeouts()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new("mode", "http"), new("fprocess", "./HelloHttp"), new("upstream_url", "http://127.0.0.1:5000"), new("exec_timeout", "45s"), new("write_timeout", "1m"), new("healthcheck_interval", "5s")]);
        builder.UseOpenFaaS();
        await using var app = builder.Build();
        var plain = FunctionApp.CreateBuilder();
        plain.UseOpenFaaS();
        await using var local = plain.Build();

        var host = Assert.Single(app.Services.GetServices<IFunctionHost>());
        Assert.Equal("openfaas", host.Name);
        Assert.True(host.IsActive(app));
        Assert.False(Assert.Single(local.Services.GetServices<IFunctionHost>()).IsActive(local));
        Assert.Equal(TimeSpan.FromSeconds(45), app.Options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(65), app.Options.ShutdownTimeout);
    }

    private static FunctionApp EchoApp(FunctionAppBuilder builder)
    {
        var app = builder.Build();
        app.MapGet("/ctx", (request, context) => Task.FromResult(FunctionResponse.Text(
            $"{context.InvocationId}|{context.Platform.Name}|{context.Deadline.ToUnixTimeMilliseconds()}")));
        return app;
    }
}
