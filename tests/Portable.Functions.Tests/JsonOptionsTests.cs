using Microsoft.Extensions.Logging;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portable.Functions.Hosting;

namespace Portable.Functions.Tests;

public sealed record StockRequest(string StockSymbol, int? Lots);

public sealed record StockQuote(string StockSymbol, decimal LastPrice, Exchange Exchange);

public enum Exchange
{
    Nasdaq,
    NewYork,
}

/// <summary>A context with options of its own: they must win for its types, in both directions.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StockRequest))]
[JsonSerializable(typeof(StockQuote))]
internal sealed partial class OwnOptionsJsonContext : JsonSerializerContext;

/// <summary>A context that declares nothing: it takes the app's options.</summary>
[JsonSerializable(typeof(StockRequest))]
[JsonSerializable(typeof(StockQuote))]
internal sealed partial class PlainJsonContext : JsonSerializerContext;

/// <summary>The user's JSON options are honoured: before, a context's options were silently replaced by web defaults.</summary>
public sealed class JsonOptionsTests
{
    [Fact]
    public async Task SnakeCaseContext_BindsSnakeCaseInput_AndAnswersSnakeCaseIndented()
    {
        var app = Create(b => b.AddJsonContext(OwnOptionsJsonContext.Default));

        var response = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/quotes", """{"stock_symbol":"MSFT"}"""));
        var body = TestApp.BodyText(response);

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("\"stock_symbol\": \"MSFT\"", body);
        Assert.Contains("\"last_price\": 412.5", body);
        Assert.Contains("\"exchange\": \"Nasdaq\"", body);
        Assert.Contains('\n', body);
    }

    [Fact]
    public async Task SnakeCaseContext_DeferredFactory_IsHonouredToo()
    {
        var app = Create(b => b.AddJsonContext(() => OwnOptionsJsonContext.Default));

        var response = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/quotes", """{"stock_symbol":"MSFT"}"""));

        Assert.Contains("\"stock_symbol\": \"MSFT\"", TestApp.BodyText(response));
    }

    [Fact]
    public async Task ContextWithoutOptions_TakesTheAppsWebDefaults()
    {
        var app = Create(b => b.AddJsonContext(PlainJsonContext.Default));

        var response = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/quotes", """{"STOCKSYMBOL":"MSFT"}"""));

        Assert.Equal("""{"stockSymbol":"MSFT","lastPrice":412.5,"exchange":0}""", TestApp.BodyText(response));
    }

    [Fact]
    public async Task ConfigureJson_ChangesTheAppWideOptions()
    {
        var app = Create(b => b
            .AddJsonContext(PlainJsonContext.Default)
            .ConfigureJson(o =>
            {
                o.PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower;
                o.Converters.Add(new JsonStringEnumConverter<Exchange>());
            }));

        var response = await app.Freeze().InvokeHttpAsync(TestApp.Json("POST", "/quotes", """{"stock-symbol":"MSFT"}"""));

        Assert.Equal("""{"stock-symbol":"MSFT","last-price":412.5,"exchange":"Nasdaq"}""", TestApp.BodyText(response));
    }

    [Fact]
    public async Task EventData_UsesTheContextsOwnOptions()
    {
        string? symbol = null;
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(OwnOptionsJsonContext.Default);
        var app = builder.Build();
        app.MapEvent<StockRequest>("com.example.quote", (e, c) =>
        {
            symbol = e.Data.StockSymbol;
            return Task.CompletedTask;
        });

        var result = await app.Freeze().InvokeEventAsync(new CloudEvent("1", "/test", "com.example.quote")
        {
            DataContentType = "application/json",
            Data = """{"stock_symbol":"MSFT"}"""u8.ToArray(),
        });

        Assert.Equal(EventOutcome.Success, result.Outcome);
        Assert.Equal("MSFT", symbol);
    }

    [Fact]
    public void GetJsonTypeInfo_ReturnsTheContextsOwnMetadata()
    {
        var app = Create(b => b.AddJsonContext(OwnOptionsJsonContext.Default));

        var info = app.GetJsonTypeInfo<StockQuote>();

        Assert.Same(OwnOptionsJsonContext.Default.Options, info.Options);
    }

    private static FunctionApp Create(Action<FunctionAppBuilder> configure)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        configure(builder);
        var app = builder.Build();
        app.MapPost<StockRequest, StockQuote>("/quotes", (request, context) =>
            Task.FromResult(new StockQuote(request.StockSymbol, 412.5m, Exchange.Nasdaq)));
        return app;
    }
}
