using MultiCloudShop;
using MultiCloudShop.Orders;
using Portable.Functions.Testing;

namespace MultiCloudShop.Tests;

/// <summary>The orders API through the real pipeline: typed JSON in and out, 400 for shape, 422 for rules.</summary>
public sealed class OrdersApiTests : IAsyncLifetime
{
    private FunctionTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = FunctionTestHost.Create(ShopApp.Build, o => o.Configuration[ShopApp.FunctionsKey] = ShopApp.Orders);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ValidOrder_IsPricedFromThePriceList_AndStored()
    {
        var placed = await _host.PostJsonAsync("/orders", new PlaceOrder("c-1", "EUR", [new OrderLine("MUG-01", 2), new OrderLine("TEE-42", 1)]));

        Assert.Equal(200, placed.StatusCode);
        var order = placed.ReadAsJson<Order>();
        Assert.Equal(49.00m, order.Total);
        Assert.Equal("placed", order.Status);
        Assert.StartsWith("ord_", order.Id, StringComparison.Ordinal);

        var fetched = await _host.GetAsync("/orders/" + order.Id);
        Assert.Equal(200, fetched.StatusCode);
        Assert.Equal(order.Total, fetched.ReadAsJson<Order>().Total);
        Assert.Equal(order.Lines, fetched.ReadAsJson<Order>().Lines);
    }

    [Fact]
    public async Task UnknownOrder_Returns404Problem()
    {
        var response = await _host.GetAsync("/orders/ord_missing");

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("No order has that id.", response.ReadAsProblem().GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[", "not valid JSON")]
    [InlineData("{\"currency\":\"EUR\",\"lines\":[{\"sku\":\"MUG-01\",\"quantity\":1}]}", "not valid JSON")]
    [InlineData("{\"customerId\":null,\"currency\":\"EUR\",\"lines\":[]}", "not valid JSON")]
    [InlineData("{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"MUG-01\",\"quantity\":\"two\"}]}", "not valid JSON")]
    [InlineData("", "A JSON body")]
    public async Task MalformedBody_Returns400_BeforeTheHandlerRuns(string body, string expected)
    {
        var response = await _host.PostAsync("/orders", body);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(expected, response.ReadAsProblem().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs, l => l.Message.StartsWith("Order ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NonJsonContentType_Returns415()
    {
        var response = await _host.PostAsync("/orders", "customerId=c-1", "application/x-www-form-urlencoded");

        Assert.Equal(415, response.StatusCode);
    }

    [Fact]
    public async Task BrokenRules_Return422_NamingEveryRuleByItsPath()
    {
        var response = await _host.PostJsonAsync("/orders", new PlaceOrder(" ", "XXX", [new OrderLine("MUG-01", 0), new OrderLine("MUG-01", 1)]));

        Assert.Equal(422, response.StatusCode);
        var detail = response.ReadAsProblem().GetProperty("detail").GetString()!;
        Assert.Contains("$.customerId must be 1 to 64 characters", detail, StringComparison.Ordinal);
        Assert.Contains("$.currency must be one of EUR, GBP, USD", detail, StringComparison.Ordinal);
        Assert.Contains("$.lines[0].quantity must be from 1 to 100", detail, StringComparison.Ordinal);
        Assert.Contains("$.lines[1].sku repeats an earlier line", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullLine_Returns422_NotA500()
    {
        var response = await _host.PostAsync("/orders", "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":[null]}");

        Assert.Equal(422, response.StatusCode);
        Assert.Contains("$.lines[0] must be a line, not null", response.ReadAsProblem().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSku_Returns422_AndStoresNothing()
    {
        var response = await _host.PostJsonAsync("/orders", new PlaceOrder("c-1", "USD", [new OrderLine("SOCK-99", 1)]));

        Assert.Equal(422, response.StatusCode);
        Assert.Contains("$.lines[0].sku is not in the catalogue", response.ReadAsProblem().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs, l => l.Message.StartsWith("Order ", StringComparison.Ordinal));
    }
}
