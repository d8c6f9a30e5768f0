using System.Text;
using System.Text.Json;

namespace Portable.Functions.Aws.Tests;

/// <summary>Function URL response streaming through the raw HTTP/1.1 writer into the fake's chunked parser.</summary>
[Collection(RuntimeLoopCollection.Name)]
public sealed class StreamingTests
{
    [Fact]
    public async Task StreamedResponse_SendsPreludeThenBody_Chunked()
    {
        await using var host = await LambdaTestHost.StartAsync(StreamingApp, options => options.ResponseStreaming = true);

        var result = await host.Api.InvokeAsync(Events.FunctionUrl("GET", "/stream"));

        Assert.Equal("streaming", result.ResponseMode);
        Assert.True(result.Chunked);
        Assert.Equal("application/vnd.awslambda.http-integration-response", result.ContentType);
        var (prelude, body) = SplitPrelude(result.Body);
        Assert.Equal(201, prelude.GetProperty("statusCode").GetInt32());
        Assert.Equal("text/plain", prelude.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("s=1", prelude.GetProperty("cookies")[0].GetString());
        Assert.Equal("part1part2", body);
        Assert.Empty(result.Trailers);
    }

    [Fact]
    public async Task FailureMidStream_IsReportedWithErrorTrailers()
    {
        await using var host = await LambdaTestHost.StartAsync(StreamingApp, options => options.ResponseStreaming = true);

        var result = await host.Api.InvokeAsync(Events.FunctionUrl("GET", "/broken"));

        var (_, body) = SplitPrelude(result.Body);
        Assert.Equal("before", body);
        Assert.Equal("Function.InvalidOperationException", result.Trailers["Lambda-Runtime-Function-Error-Type"]);
        var error = JsonDocument.Parse(Convert.FromBase64String(result.Trailers["Lambda-Runtime-Function-Error-Body"])).RootElement;
        Assert.Equal("mid-stream", error.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task StreamedResponse_WithoutStreamingEnabled_IsBuffered()
    {
        await using var host = await LambdaTestHost.StartAsync(StreamingApp);

        var result = await host.Api.InvokeAsync(Events.FunctionUrl("GET", "/stream"));

        Assert.Null(result.ResponseMode);
        Assert.Equal("part1part2", result.Json.GetProperty("body").GetString());
    }

    private static FunctionApp StreamingApp(FunctionAppBuilder builder)
    {
        var app = builder.Build();
        app.MapGet("/stream", (request, context) =>
        {
            var response = FunctionResponse.Stream(
                async (stream, token) =>
                {
                    await stream.WriteAsync("part1"u8.ToArray(), token);
                    await stream.FlushAsync(token);
                    await stream.WriteAsync("part2"u8.ToArray(), token);
                },
                "text/plain",
                201);
            response.Cookies.Add("s=1");
            return Task.FromResult(response);
        });
        app.MapGet("/broken", (request, context) => Task.FromResult(FunctionResponse.Stream(
            async (stream, token) =>
            {
                await stream.WriteAsync("before"u8.ToArray(), token);
                throw new InvalidOperationException("mid-stream");
            },
            "text/plain")));
        return app;
    }

    private static (JsonElement Prelude, string Body) SplitPrelude(byte[] bytes)
    {
        var separator = bytes.AsSpan().IndexOf(new byte[8]);
        Assert.True(separator > 0, "no 8-byte prelude separator");
        return (JsonDocument.Parse(bytes.AsMemory(0, separator)).RootElement.Clone(), Encoding.UTF8.GetString(bytes, separator + 8, bytes.Length - separator - 8));
    }
}
