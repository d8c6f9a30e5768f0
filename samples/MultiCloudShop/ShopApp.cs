using Microsoft.Extensions.DependencyInjection;
using MultiCloudShop.Analytics;
using MultiCloudShop.Orders;
using MultiCloudShop.Payments;
using Portable.Functions;

namespace MultiCloudShop;

/// <summary>
/// The shop's functions and services. <c>Program.cs</c>, the tests and the deployment-file generator all
/// build the app here, so what is tested is what is deployed.
/// </summary>
public static class ShopApp
{
    /// <summary>Configuration key naming the function groups this instance maps (comma-separated).</summary>
    public const string FunctionsKey = "Shop:Functions";

    /// <summary>The orders API group: <c>POST /orders</c>, <c>GET /orders/{id}</c>.</summary>
    public const string Orders = "orders";

    /// <summary>The analytics consumer group: the order placed / cancelled events.</summary>
    public const string Analytics = "analytics";

    /// <summary>The payments group: the payment requested event.</summary>
    public const string Payments = "payments";

    /// <summary>CloudEvent type of a placed order (analytics).</summary>
    public const string OrderPlacedType = "com.example.shop.order.placed";

    /// <summary>CloudEvent type of a cancelled order (analytics).</summary>
    public const string OrderCancelledType = "com.example.shop.order.cancelled";

    /// <summary>CloudEvent type of a payment request (payments).</summary>
    public const string PaymentRequestedType = "com.example.shop.payment.requested";

    /// <summary>CloudEvent type of the payments function's reply.</summary>
    public const string PaymentCapturedType = "com.example.shop.payment.captured";

    private static readonly string[] s_groups = [Orders, Analytics, Payments];

    /// <summary>
    /// Registers the services of the groups <c>Shop:Functions</c> names (default: all three), builds the
    /// app and maps their functions.
    /// </summary>
    /// <param name="builder">A builder with the platform hosts already added.</param>
    /// <returns>The app.</returns>
    /// <exception cref="InvalidOperationException"><c>Shop:Functions</c> names no group, or an unknown one (the message lists the valid names).</exception>
    public static FunctionApp Build(FunctionAppBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var groups = SelectedGroups(builder.Configuration[FunctionsKey]);
        builder.AddJsonContext(() => ShopJsonContext.Default);

        // Instances, not types: nothing is activated through reflection on the first invocation. Each store
        // is in memory here; the README names the managed store to put behind each interface per cloud.
        if (groups.Contains(Orders))
        {
            builder.Services.AddSingleton(PriceList.Default);
            builder.Services.AddSingleton<IOrderStore>(new InMemoryOrderStore());
            builder.Services.AddSingleton(TimeProvider.System);
        }

        if (groups.Contains(Analytics))
        {
            builder.Services.AddSingleton<ISalesAnalytics>(new InMemorySalesAnalytics());
        }

        if (groups.Contains(Payments))
        {
            builder.Services.AddSingleton<IPaymentStore>(new InMemoryPaymentStore());
            builder.Services.AddSingleton<IPaymentProvider>(new SimulatedPaymentProvider());
        }

        var app = builder.Build();
        if (groups.Contains(Orders))
        {
            OrdersApi.Map(app);
        }

        if (groups.Contains(Analytics))
        {
            AnalyticsConsumer.Map(app);
        }

        if (groups.Contains(Payments))
        {
            PaymentsFunction.Map(app);
        }

        return app;
    }

    private static HashSet<string> SelectedGroups(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return [.. s_groups];
        }

        var names = setting.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = names.Where(n => !s_groups.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (names.Length == 0 || unknown.Count > 0)
        {
            throw new InvalidOperationException($"{FunctionsKey} must list some of {string.Join(", ", s_groups)} (comma-separated), not '{setting}'.");
        }

        return new HashSet<string>(names.Select(n => n.ToLowerInvariant()), StringComparer.Ordinal);
    }
}
