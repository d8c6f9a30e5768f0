using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Portable.Functions.Hosting;

namespace Portable.Functions.OpenWhisk.Tests;

/// <summary>The HelloHttp sample as an OpenWhisk action on a real Kestrel server, driven by the invoker double.</summary>
public sealed class OpenWhiskServerTests
{
    [Fact]
    public async Task Sample_AnswersHttpTypedJsonAndCloudEvent_AfterOneInit()
    {
        await using var invoker = await InvokerDouble.StartSampleAsync();

        var init = await invoker.InitAsync();
        var hello = await invoker.RunAsync(OpenWhiskPayloads.RawWeb("GET", "/hello", "name=Ada"), "act-1");
        var order = await invoker.RunAsync(OpenWhiskPayloads.RawWeb("POST", "/orders", body: """{"id":"o-1","quantity":2}"""u8.ToArray(), contentType: "application/json"), "act-2");
        var cloudEvent = await invoker.RunAsync("""{"specversion":"1.0","id":"e-1","source":"/shop","type":"com.example.order.placed","datacontenttype":"application/json","data":{"orderId":"o-7","quantity":3}}""", "act-3");

        Assert.Equal(HttpStatusCode.OK, init.Status);
        Assert.Equal(HttpStatusCode.OK, hello.Status);
        Assert.Equal("Hello, Ada!", Encoding.UTF8.GetString(OpenWhiskPayloads.ReadWebResult(hello.Body).Body));
        var receipt = OpenWhiskPayloads.ReadWebResult(order.Body);
        Assert.Equal(200, receipt.Status);
        Assert.Contains("\"accepted\"", Encoding.UTF8.GetString(receipt.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, cloudEvent.Status);
        using var reply = JsonDocument.Parse(cloudEvent.Body);
        Assert.Equal("com.example.order.confirmed", reply.RootElement.GetProperty("type").GetString());
        Assert.Equal(3, invoker.Output.ToString().Split('\n').Count(l => l.Trim() == OpenWhiskRuntime.LogSentinel));
        Assert.Equal(3, invoker.Error.ToString().Split('\n').Count(l => l.Trim() == OpenWhiskRuntime.LogSentinel));
    }

    [Fact]
    public async Task SecondInit_Is403WithASingleErrorField()
    {
        await using var invoker = await InvokerDouble.StartSampleAsync();
        await invoker.InitAsync();

        var again = await invoker.InitAsync();

        Assert.Equal(HttpStatusCode.Forbidden, again.Status);
        using var body = JsonDocument.Parse(again.Body);
        Assert.Equal("error", Assert.Single(body.RootElement.EnumerateObject()).Name);
    }

    [Fact]
    public async Task TypedFunction_NamedByMain_AnswersItsResult_AndBadInputIsAnErrorObject()
    {
        await using var invoker = await InvokerDouble.StartSampleAsync();
        await invoker.InitAsync(name: "orders-action", main: "orders");

        var ok = await invoker.RunAsync("""{"id":"o-5","quantity":5}""");
        var bad = await invoker.RunAsync("""{"id":"o-5","quantity":"many"}""", "act-bad");

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Contains("\"o-5\"", Encoding.UTF8.GetString(ok.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        using var error = JsonDocument.Parse(bad.Body);
        Assert.Equal("act-bad", error.RootElement.GetProperty("error").GetProperty("invocationId").GetString());
    }

    [Theory]
    [InlineData("GET", "/run", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/other", HttpStatusCode.NotFound)]
    [InlineData("GET", "/", HttpStatusCode.NotFound)]
    public async Task OtherRoutesAndMethods_AnswerTheErrorShape(string method, string path, HttpStatusCode expected)
    {
        await using var invoker = await InvokerDouble.StartSampleAsync();

        using var response = await invoker.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.StartsWith("{\"error\":", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvelopeOverTheLimit_Is413ErrorObject()
    {
        await using var invoker = await InvokerDouble.StartSampleAsync(setup: b => b.Options.MaxRequestBodySize = 1024);
        await invoker.InitAsync();

        var big = await invoker.RunAsync(OpenWhiskPayloads.RawWeb("POST", "/orders", body: new byte[200 * 1024], contentType: "application/octet-stream"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.Status);
        Assert.StartsWith("{\"error\":", Encoding.UTF8.GetString(big.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebBodyOverTheLimit_Is413HttpResult()
    {
        await using var invoker = await InvokerDouble.StartSampleAsync(setup: b => b.Options.MaxRequestBodySize = 1024);
        await invoker.InitAsync();

        var big = await invoker.RunAsync(OpenWhiskPayloads.RawWeb("POST", "/orders", body: new byte[1500], contentType: "application/octet-stream"));

        Assert.Equal(HttpStatusCode.OK, big.Status);
        Assert.Equal(413, OpenWhiskPayloads.ReadWebResult(big.Body).Status);
    }

    [Fact]
    public void UseOpenWhisk_IsActive_OnlyWithTheInvokersApiHost()
    {
        var host = new OpenWhiskHost(new OpenWhiskOptions());
        var builder = FunctionApp.CreateBuilder();
        var plain = builder.Build();
        var onOpenWhisk = FunctionApp.CreateBuilder();
        onOpenWhisk.Configuration.AddInMemoryCollection([new("__OW_API_HOST", "https://openwhisk.example")]);
        var whisk = onOpenWhisk.Build();

        Assert.False(host.IsActive(plain));
        Assert.True(host.IsActive(whisk));
        Assert.True(new OpenWhiskHost(new OpenWhiskOptions { Enabled = true }).IsActive(plain));
    }

    [Fact]
    public async Task UseOpenWhisk_RegistersOneHost()
    {
        var builder = FunctionApp.CreateBuilder();
        builder.UseOpenWhisk();
        await using var app = builder.Build();

        var host = Assert.Single(app.Services.GetServices<IFunctionHost>());
        Assert.Equal("openwhisk", host.Name);
        Assert.False(host.IsFallback);
    }
}
