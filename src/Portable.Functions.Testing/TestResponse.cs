using System.Text;
using System.Text.Json;

namespace Portable.Functions.Testing;

/// <summary>
/// A function's HTTP answer as a test reads it: status, headers, and the body as bytes, text or JSON
/// (streamed bodies are read to the end once, when the response is created).
/// </summary>
public sealed class TestResponse
{
    private readonly FunctionApp _app;

    internal TestResponse(FunctionApp app, FunctionResponse response, ReadOnlyMemory<byte> body)
    {
        _app = app;
        Response = response;
        Body = body;
    }

    /// <summary>The response the function (or the pipeline's error mapping) produced.</summary>
    public FunctionResponse Response { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode => Response.StatusCode;

    /// <summary>The response headers.</summary>
    public HeaderCollection Headers => Response.Headers;

    /// <summary>The <c>Content-Type</c> header, if any.</summary>
    public string? ContentType => Response.ContentType;

    /// <summary>The whole body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body as UTF-8 text.</summary>
    /// <returns>The text (empty for no body).</returns>
    public string ReadAsString() => Encoding.UTF8.GetString(Body.Span);

    /// <summary>
    /// Deserializes the body with the app's JSON metadata (its registered contexts and options), as the
    /// function's caller would read it.
    /// </summary>
    /// <typeparam name="T">A type of one of the app's JSON contexts.</typeparam>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The body is not JSON of that type.</exception>
    /// <exception cref="InvalidOperationException">No registered context has metadata for <typeparamref name="T"/>.</exception>
    public T ReadAsJson<T>() => JsonSerializer.Deserialize(Body.Span, _app.GetJsonTypeInfo<T>())!;

    /// <summary>The <c>application/problem+json</c> body of an error response as a JSON document (title, status, detail, invocationId).</summary>
    /// <returns>The parsed body.</returns>
    /// <exception cref="InvalidOperationException">The response is not a problem response.</exception>
    public JsonElement ReadAsProblem()
    {
        if (ContentType is null || !ContentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The response is {StatusCode} {ContentType ?? "(no content type)"}, not application/problem+json.");
        }

        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    /// <inheritdoc />
    public override string ToString() => $"{StatusCode} {ContentType}";
}
