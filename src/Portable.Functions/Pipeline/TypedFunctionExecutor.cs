using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Portable.Functions.Hosting;

namespace Portable.Functions;

/// <summary>Runs a typed JSON function from an HTTP request, an event's data or a direct JSON payload.</summary>
internal static class TypedFunctionExecutor
{
    public static Func<FunctionContext, Task> Create<TIn, TOut>(
        Func<TIn, FunctionContext, Task<TOut>> handler, LazyJsonTypeInfo<TIn> input, LazyJsonTypeInfo<TOut> output, FunctionOptions options) =>
        async context =>
        {
            ReadOnlyMemory<byte> payload;
            if (context.Request is { } request)
            {
                var contentType = request.ContentType;
                if (contentType is not null && !MediaType.IsJson(contentType))
                {
                    throw FunctionProblemException.UnsupportedMediaType(contentType, "application/json");
                }

                payload = await BufferedBody.ReadAllAsync(request.Body, options.MaxRequestBodySize, context.CancellationToken).ConfigureAwait(false);
            }
            else
            {
                payload = context.JsonInput;
            }

            var value = Deserialize(payload, input.Value);
            var result = await handler(value, context).ConfigureAwait(false);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(result, output.Value);
            if (context.Request is not null)
            {
                context.Response = new FunctionResponse(200) { Body = ResponseBody.FromBytes(bytes), ContentType = "application/json; charset=utf-8" };
            }
            else
            {
                context.JsonOutput = bytes;
            }
        };

    /// <summary>Deserializes input; every failure is a 400 naming where the JSON went wrong.</summary>
    public static T Deserialize<T>(ReadOnlyMemory<byte> payload, JsonTypeInfo<T> typeInfo)
    {
        payload = Utf8JsonText.WithoutByteOrderMark(payload);

        if (payload.IsEmpty)
        {
            throw FunctionProblemException.BadRequest($"A JSON body ({typeof(T).Name}) is required.");
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize(payload.Span, typeInfo);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is null ? string.Empty : $" at {exception.Path}";
            var line = exception.LineNumber is null ? string.Empty : $" (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})";
            throw FunctionProblemException.BadRequest($"The body is not valid JSON for {typeof(T).Name}{where}{line}.", exception);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException or NotSupportedException or OverflowException)
        {
            throw FunctionProblemException.BadRequest($"The body could not be read as {typeof(T).Name}.", exception);
        }

        return value ?? throw FunctionProblemException.BadRequest($"A JSON body ({typeof(T).Name}) is required, not null.");
    }
}
