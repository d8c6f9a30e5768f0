using System.Text.Json.Serialization;

namespace Portable.Functions.Tests.Shared;

/// <summary>A typed function's input, named in snake_case on the wire by its context.</summary>
public sealed record SnakeQuoteRequest(string StockSymbol, int? LotSize);

/// <summary>A typed function's output, named in snake_case on the wire by its context.</summary>
public sealed record SnakeQuote(string StockSymbol, decimal LastPrice);

/// <summary>A user's context with options of its own: every adapter must honour them both ways.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SnakeQuoteRequest))]
[JsonSerializable(typeof(SnakeQuote))]
internal sealed partial class SnakeCaseJsonContext : JsonSerializerContext;

/// <summary>
/// The app every adapter's snake_case test runs: <c>POST /quotes</c> answers a quote for the request's
/// symbol (a symbol that did not bind comes back as "UNBOUND"), and the event
/// <c>com.example.quote.requested</c> records the symbol it bound.
/// </summary>
internal static class SnakeCaseApp
{
    /// <summary>The request body in snake_case.</summary>
    public const string RequestJson = """{"stock_symbol":"MSFT","lot_size":100}""";

    /// <summary>The exact answer: snake_case, the null-valued nothing omitted.</summary>
    public const string ResponseJson = """{"stock_symbol":"MSFT","last_price":412.5}""";

    /// <summary>The event type mapped by <see cref="Map"/>.</summary>
    public const string EventType = "com.example.quote.requested";

    /// <summary>Registers the context, then maps the functions after <paramref name="build"/>.</summary>
    public static FunctionApp Build(FunctionAppBuilder builder, List<string>? boundSymbols = null)
    {
        builder.AddJsonContext(SnakeCaseJsonContext.Default);
        var app = builder.Build();
        Map(app, boundSymbols ?? []);
        return app;
    }

    /// <summary>A binary-mode CloudEvent of <see cref="EventType"/> carrying <see cref="RequestJson"/>, posted to <c>/</c>.</summary>
    public static HttpRequestMessage BinaryEventRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(RequestJson, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", "e-1");
        request.Headers.Add("ce-source", "/test");
        request.Headers.Add("ce-type", EventType);
        return request;
    }

    public static void Map(FunctionApp app, List<string> boundSymbols)
    {
        app.MapPost<SnakeQuoteRequest, SnakeQuote>("/quotes", (request, context) =>
            Task.FromResult(new SnakeQuote(request.StockSymbol ?? "UNBOUND", 412.5m)));
        app.MapEvent<SnakeQuoteRequest>(EventType, (cloudEvent, context) =>
        {
            lock (boundSymbols)
            {
                boundSymbols.Add(cloudEvent.Data.StockSymbol ?? "UNBOUND");
            }

            return Task.CompletedTask;
        });
    }
}
