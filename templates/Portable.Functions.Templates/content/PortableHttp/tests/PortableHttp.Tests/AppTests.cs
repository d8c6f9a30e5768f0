using Portable.Functions.Testing;

namespace PortableHttp.Tests;

/// <summary>
/// The app's functions called in process through the same pipeline every platform uses (routing, JSON,
/// error mapping), with no server: FunctionTestHost builds the app with App.Build, as Program.cs does.
/// </summary>
public sealed class AppTests
{
    [Fact]
    public async Task Hello_GreetsByName()
    {
        await using var host = FunctionTestHost.Create(App.Build);

        var response = await host.GetAsync("/hello?name=Ada");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Hello, Ada!", response.ReadAsString());
    }

    [Fact]
    public async Task Hello_WithoutName_GreetsTheWorld()
    {
        await using var host = FunctionTestHost.Create(App.Build);

        var response = await host.GetAsync("/hello");

        Assert.Equal("Hello, world!", response.ReadAsString());
    }

    [Fact]
    public async Task Order_IsAccepted()
    {
        await using var host = FunctionTestHost.Create(App.Build);

        var response = await host.PostJsonAsync("/orders", new Order("o-1", 2));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new OrderReceipt("o-1", 2, "accepted"), response.ReadAsJson<OrderReceipt>());
        Assert.Contains(host.Logs, line => line.Message.Contains("o-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Order_WithoutQuantity_Returns400Problem()
    {
        await using var host = FunctionTestHost.Create(App.Build);

        var response = await host.PostAsync("/orders", """{"id":"o-2","quantity":0}""");

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("quantity", response.ReadAsProblem().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_MalformedJson_Returns400()
    {
        await using var host = FunctionTestHost.Create(App.Build);

        var response = await host.PostAsync("/orders", "{not json");

        Assert.Equal(400, response.StatusCode);
    }
}
