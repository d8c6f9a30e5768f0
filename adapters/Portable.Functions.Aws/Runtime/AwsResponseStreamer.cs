using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// Lambda response streaming: a chunked HTTP/1.1 request on a <see cref="RuntimeApiConnection"/> of its
/// own. A failure after the first byte can only be reported with the
/// <c>Lambda-Runtime-Function-Error-Type</c>/<c>-Body</c> request trailers. The body opens with the
/// <c>http-integration-response</c> prelude (JSON metadata + 8 zero bytes) for Function URLs.
/// </summary>
internal static partial class AwsResponseStreamer
{
    public static async Task SendAsync(RuntimeApiClient client, string requestId, FunctionResponse response, ILogger logger, CancellationToken cancellationToken = default)
    {
        // A connection of its own, closed afterwards: a body that fails half-way leaves nothing to reuse.
        using var connection = await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var network = connection.Stream;
        var head = client.Head(
            "POST",
            "invocation/" + Uri.EscapeDataString(requestId) + "/response",
            "application/vnd.awslambda.http-integration-response",
            extra: $"Transfer-Encoding: chunked\r\n{RuntimeApiHeaders.ResponseMode}: streaming\r\nTrailer: {RuntimeApiHeaders.FunctionErrorType}, {RuntimeApiHeaders.FunctionErrorBody}\r\n");
        await network.WriteAsync(head, cancellationToken).ConfigureAwait(false);

        var chunked = new ChunkedWriteStream(network);
        var prelude = JsonSerializer.SerializeToUtf8Bytes(
            new StreamingPrelude
            {
                StatusCode = response.StatusCode,
                Headers = AwsHttpMapper.JoinedHeaders(response),
                Cookies = response.Cookies.Count == 0 ? null : [.. response.Cookies],
            },
            AwsJsonContext.Default.StreamingPrelude);
        await chunked.WriteAsync(prelude.Concat(new byte[8]).ToArray(), cancellationToken).ConfigureAwait(false);
        await chunked.FlushAsync(cancellationToken).ConfigureAwait(false);

        string trailers;
        try
        {
            await response.Body.WriteToAsync(chunked, cancellationToken).ConfigureAwait(false);
            trailers = "0\r\n\r\n";
        }
        catch (Exception exception) when (exception is not RuntimeApiFatalException && exception is not IOException)
        {
            // Status and headers are gone: the trailers are the only way left to say the stream failed.
            using (InvocationLogFields.BeginUnrouted(requestId))
            {
                LogStreamFailed(logger, exception);
            }

            var error = JsonSerializer.SerializeToUtf8Bytes(AwsError.FromException(exception), AwsJsonContext.Default.AwsError);
            trailers = $"0\r\n{RuntimeApiHeaders.FunctionErrorType}: Function.{AwsResult.Reason(exception.GetType().Name)}\r\n{RuntimeApiHeaders.FunctionErrorBody}: {Convert.ToBase64String(error)}\r\n\r\n";
        }

        await network.WriteAsync(Encoding.ASCII.GetBytes(trailers), cancellationToken).ConfigureAwait(false);
        await network.FlushAsync(cancellationToken).ConfigureAwait(false);
        var status = (int)(await connection.ReadResponseAsync(cancellationToken).ConfigureAwait(false)).StatusCode;
        if (status == 500)
        {
            throw new RuntimeApiFatalException("POST (streaming) /response answered 500.");
        }

        if (status != 202)
        {
            using (InvocationLogFields.BeginUnrouted(requestId))
            {
                LogRefused(logger, status);
            }
        }
    }

    // The request id is stamped on the line by the log format (InvocationLogFields.BeginUnrouted).
    [LoggerMessage(110, LogLevel.Error, "The streamed response failed after it started; reported with the error trailers")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception);

    [LoggerMessage(111, LogLevel.Error, "The Runtime API refused the streamed response with {Status}")]
    private static partial void LogRefused(ILogger logger, int status);
}
