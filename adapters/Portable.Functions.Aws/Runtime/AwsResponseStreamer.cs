using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>
/// Lambda response streaming over a raw HTTP/1.1 socket: <see cref="HttpClient"/> cannot send request
/// trailers, and a failure after the first byte can only be reported with the
/// <c>Lambda-Runtime-Function-Error-Type</c>/<c>-Body</c> trailers. The body opens with the
/// <c>http-integration-response</c> prelude (JSON metadata + 8 zero bytes) for Function URLs.
/// </summary>
internal static partial class AwsResponseStreamer
{
    public static async Task SendAsync(string runtimeApi, string requestId, FunctionResponse response, ILogger logger, CancellationToken cancellationToken = default)
    {
        var colon = runtimeApi.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(runtimeApi.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new RuntimeApiFatalException($"AWS_LAMBDA_RUNTIME_API='{runtimeApi}' is not a host:port.");
        }

        using var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(runtimeApi[..colon].Trim('[', ']'), port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            throw new RuntimeApiFatalException($"The Runtime API at {runtimeApi} cannot be reached: {exception.Message}", exception);
        }

        var network = tcp.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST /2018-06-01/runtime/invocation/{Uri.EscapeDataString(requestId)}/response HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {runtimeApi}\r\n")
            .Append(RuntimeApiHeaders.ResponseMode).Append(": streaming\r\n")
            .Append("Transfer-Encoding: chunked\r\n")
            .Append("Content-Type: application/vnd.awslambda.http-integration-response\r\n")
            .Append("Trailer: ").Append(RuntimeApiHeaders.FunctionErrorType).Append(", ").Append(RuntimeApiHeaders.FunctionErrorBody).Append("\r\n")
            .Append("\r\n");
        await network.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);

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
        var status = await ReadStatusAsync(network, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Reads the status code of the answer; the rest of it is not needed (the connection closes).</summary>
    private static async Task<int> ReadStatusAsync(Stream network, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await network.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n"u8) >= 0)
            {
                break;
            }
        }

        // "HTTP/1.1 202 Accepted"
        var line = Encoding.ASCII.GetString(buffer, 0, length);
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new RuntimeApiFatalException("The Runtime API sent no valid HTTP status line for the streamed response.");
        }

        return status;
    }

    // The request id is stamped on the line by the log format (InvocationLogFields.BeginUnrouted).
    [LoggerMessage(110, LogLevel.Error, "The streamed response failed after it started; reported with the error trailers")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception);

    [LoggerMessage(111, LogLevel.Error, "The Runtime API refused the streamed response with {Status}")]
    private static partial void LogRefused(ILogger logger, int status);
}
