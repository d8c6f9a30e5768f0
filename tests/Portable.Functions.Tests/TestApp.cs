using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Portable.Functions.Tests;

public sealed record Order(string Id, int Quantity);

public sealed record Receipt(string Id, string Status);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Receipt))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>Builds apps for pipeline tests, without any network.</summary>
internal static class TestApp
{
    public static FunctionApp Create(Action<FunctionApp> map, Action<FunctionAppBuilder>? configure = null)
    {
        var builder = FunctionApp.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddJsonContext(TestJsonContext.Default);
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        return app;
    }

    public static FunctionRequest Json(string method, string path, string json, string contentType = "application/json")
    {
        var headers = new HeaderCollection();
        headers.Add("Content-Type", contentType);
        return FunctionRequest.WithBody(method, path, Encoding.UTF8.GetBytes(json), headers);
    }

    public static string BodyText(FunctionResponse response) =>
        response.Body.TryGetBytes(out var bytes) ? Encoding.UTF8.GetString(bytes.Span) : throw new InvalidOperationException("streamed body");
}
