using MultiCloudShop;
using Portable.Functions.Testing;
using Portable.Functions.Tests.Shared;

namespace MultiCloudShop.Tests;

/// <summary><c>Shop:Functions</c> picks the groups one instance maps: the same build serves every layout.</summary>
public sealed class FunctionSelectionTests
{
    [Theory]
    [InlineData(null, "orders-place,orders-get,analytics-order-placed,analytics-order-cancelled,payments")]
    [InlineData("orders", "orders-place,orders-get")]
    [InlineData(" Analytics , payments", "analytics-order-placed,analytics-order-cancelled,payments")]
    public async Task Setting_MapsTheNamedGroupsOnly(string? setting, string expected)
    {
        await using var host = FunctionTestHost.Create(ShopApp.Build, o => o.Configuration[ShopApp.FunctionsKey] = setting);

        Assert.Equal(expected.Split(','), host.App.Functions.Select(f => f.Name));
    }

    [Fact]
    public async Task PaymentsOnly_DoesNotServeTheApi()
    {
        await using var host = FunctionTestHost.Create(ShopApp.Build, o => o.Configuration[ShopApp.FunctionsKey] = ShopApp.Payments);

        Assert.Equal(404, (await host.GetAsync("/orders/ord_1")).StatusCode);
    }

    [Fact]
    public void UnknownGroup_FailsTheBuild_NamingTheValidOnes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionTestHost.Create(ShopApp.Build, o => o.Configuration[ShopApp.FunctionsKey] = "orders,billing"));

        Assert.Equal("Shop:Functions must list some of orders, analytics, payments (comma-separated), not 'orders,billing'.", error.Message);
    }

    [Fact]
    public async Task Process_WithAnUnknownGroup_Exits1_WithOneLine()
    {
        var (code, output) = await AppProcess.RunToExitAsync("MultiCloudShop.dll", ("Shop__Functions", "billing"));

        Assert.Equal(1, code);
        AppProcess.AssertOneFailureLine(output, "Shop:Functions must list some of orders, analytics, payments", "crit:");
    }
}
