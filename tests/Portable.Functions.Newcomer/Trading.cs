using System.Text.Json.Serialization;

namespace Newcomer;

/// <summary>A quote request, snake_case on the wire.</summary>
public sealed record QuoteRequest(string StockSymbol, int Lots);

/// <summary>A quote, snake_case on the wire.</summary>
public sealed record Quote(string StockSymbol, int Lots, decimal Total, string Currency);

/// <summary>The data of a <c>com.example.trade.executed</c> event.</summary>
public sealed record TradeExecuted(string StockSymbol, int Lots);

/// <summary>The app's JSON: its own naming policy, honoured in both directions.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(QuoteRequest))]
[JsonSerializable(typeof(Quote))]
[JsonSerializable(typeof(TradeExecuted))]
internal sealed partial class TradingJson : JsonSerializerContext;

/// <summary>Prices a quote.</summary>
public interface IPriceService
{
    /// <summary>Prices <paramref name="request"/>.</summary>
    Task<Quote> QuoteAsync(QuoteRequest request, CancellationToken cancellationToken);
}

/// <summary>Every lot costs 2.50 in the configured currency.</summary>
public sealed class FixedPrices(string currency) : IPriceService
{
    /// <inheritdoc />
    public Task<Quote> QuoteAsync(QuoteRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new Quote(request.StockSymbol, request.Lots, request.Lots * 2.5m, currency));
}

/// <summary>One per invocation (scoped): what a repository or unit of work would be.</summary>
public sealed class TradeLedger
{
    /// <summary>The trades recorded in this invocation.</summary>
    public List<TradeExecuted> Trades { get; } = [];

    /// <summary>Records a trade.</summary>
    public void Record(TradeExecuted trade) => Trades.Add(trade);
}
