using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newcomer;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Knative;

var builder = FunctionApp.CreateBuilder(args);
builder.AddJsonContext(TradingJson.Default);                   // snake_case, its own options
var currency = builder.Configuration["Quotes:Currency"] ?? "USD";  // appsettings.json, Quotes__Currency, --Quotes:Currency
builder.Services.AddSingleton<IPriceService>(new FixedPrices(currency));
builder.Services.AddScoped<TradeLedger>();
builder.UseAws();
builder.UseKnative();
var app = builder.Build();

app.MapGet("/ping", (request, context) => Task.FromResult(FunctionResponse.Text("pong")));

app.MapPost("/quotes", (QuoteRequest request, IPriceService prices, CancellationToken cancellationToken) =>
    prices.QuoteAsync(request, cancellationToken));

app.MapEvent("com.example.trade.executed", (CloudEvent<TradeExecuted> trade, TradeLedger ledger, FunctionContext context) =>
{
    ledger.Record(trade.Data);
    context.Logger.LogInformation("Trade {Symbol} x{Lots} recorded", trade.Data.StockSymbol, trade.Data.Lots);
});

return await app.RunAsync();
