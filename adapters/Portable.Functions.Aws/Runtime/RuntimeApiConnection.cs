using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portable.Functions.Aws;

/// <summary>
/// One keep-alive HTTP/1.1 connection to the Lambda Runtime API: writes a request, reads one response
/// (status, headers, a body framed by <c>Content-Length</c>, chunked transfer coding or the connection's
/// end; RFC 9112 sections 6 and 7.1).
/// </summary>
/// <remarks>
/// The Runtime API is a plain-HTTP endpoint next to the process, with seven fixed calls. Speaking
/// HTTP/1.1 on a socket instead of through <see cref="HttpClient"/> keeps <c>System.Net.Http</c> out of
/// the process: on the managed runtime, loading it and sending its first request was the largest single
/// cost of a cold start (figures: benchmarks/README.md). Everything the answer can carry is read; a
/// response that does not parse is a <see cref="RuntimeApiFatalException"/>, never a hang. Chunked
/// bodies are the common case, not an edge: Lambda's Runtime API (the emulator's
/// <c>internal/lambda/rapi/rendering/rendering.go</c>) writes the event without a <c>Content-Length</c>,
/// and Go's HTTP server chunks any such body over 2 KB.
/// </remarks>
internal sealed class RuntimeApiConnection : IDisposable
{
    /// <summary>Status line and headers together; the Runtime API's are a few hundred bytes.</summary>
    internal const int MaxHeaderBytes = 64 * 1024;

    /// <summary>A body up to this size is read into an array of its announced length; a larger one grows as it arrives.</summary>
    private const int PreallocatedBodyBytes = 1024 * 1024;

    private readonly NetworkStream _stream;
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;
    private bool _closed;

    private RuntimeApiConnection(Socket socket) => _stream = new NetworkStream(socket, ownsSocket: true);

    /// <summary>The connection as a stream, for a request body written in pieces (response streaming).</summary>
    public Stream Stream => _stream;

    /// <summary>True once a response was read on it: a later failure before any answer byte may be a stale keep-alive connection.</summary>
    public bool HasAnswered { get; private set; }

    /// <summary>True once a byte of the answer to the last request written has arrived.</summary>
    public bool AnswerStarted { get; private set; }

    /// <summary>False once the server said <c>Connection: close</c> or ended a body with the connection.</summary>
    public bool CanBeReused => !_closed;

    /// <summary>Opens a connection; an IP literal is used as is, a host name is resolved.</summary>
    /// <exception cref="SocketException">The connection is refused or fails.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public static async Task<RuntimeApiConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        // Lambda gives an IP literal (127.0.0.1:9001): no name lookup, so System.Net.NameResolution stays unloaded.
        var socket = IPAddress.TryParse(host, out var address)
            ? new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        EndPoint endpoint = address is null ? new DnsEndPoint(host, port) : new IPEndPoint(address, port);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        // Requests are written whole; nothing is gained by waiting to coalesce them.
        socket.NoDelay = true;
        return new RuntimeApiConnection(socket);
    }

    /// <summary>Writes a request (its head, then its body when there is one).</summary>
    /// <exception cref="IOException">The connection failed.</exception>
    public async Task WriteAsync(byte[] head, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        AnswerStarted = _end > _start;
        await _stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        if (!body.IsEmpty)
        {
            await _stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the next final response (interim 1xx answers are skipped) with its whole body.</summary>
    /// <exception cref="RuntimeApiConnectionClosedException">The server closed the connection before the first byte of the answer.</exception>
    /// <exception cref="RuntimeApiFatalException">The answer is not HTTP/1.x, is cut short or exceeds a limit.</exception>
    /// <exception cref="IOException">The connection failed while reading.</exception>
    public async Task<RuntimeApiResponse> ReadResponseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var headerLength = await FillHeadAsync(cancellationToken).ConfigureAwait(false);
            var response = ParseHead(_buffer.AsSpan(_start, headerLength));
            _start += headerLength;
            if ((int)response.StatusCode is >= 100 and < 200)
            {
                continue;
            }

            response.Body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.CloseConnection)
            {
                _closed = true;
            }

            HasAnswered = true;
            return response;
        }
    }

    public void Dispose()
    {
        _closed = true;
        _stream.Dispose();
    }

    /// <summary>Buffers up to the blank line that ends the head; returns the head's length including it.</summary>
    private async Task<int> FillHeadAsync(CancellationToken cancellationToken)
    {
        var searched = 0;
        while (true)
        {
            var found = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf("\r\n\r\n"u8);
            if (found >= 0)
            {
                return searched + found + 4;
            }

            searched = Math.Max(0, _end - _start - 3);
            if (_end - _start >= MaxHeaderBytes)
            {
                throw new RuntimeApiFatalException($"The Runtime API sent a response head over {MaxHeaderBytes} bytes.");
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                _closed = true;
                throw _end == _start
                    ? new RuntimeApiConnectionClosedException()
                    : new RuntimeApiFatalException("The Runtime API closed the connection in the middle of a response head.");
            }
        }
    }

    private static RuntimeApiResponse ParseHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK\r\n"; a 1.0 server closes after each answer unless it says keep-alive.
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || (statusLine.Length > 12 && statusLine[12] != (byte)' ')
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100)
        {
            throw new RuntimeApiFatalException($"The Runtime API sent no valid HTTP/1.x status line: '{Printable(statusLine)}'.");
        }

        var response = new RuntimeApiResponse { StatusCode = (HttpStatusCode)status, CloseConnection = statusLine[7] == (byte)'0' };
        var rest = head[(lineEnd + 2)..^2];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = rest[..end];
            rest = rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new RuntimeApiFatalException($"The Runtime API sent a malformed header line: '{Printable(line)}'.");
            }

            var name = Encoding.Latin1.GetString(line[..colon]);
            var value = Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8));
            response.AddHeader(name, value);
        }

        return response;
    }

    private async Task<byte[]> ReadBodyAsync(RuntimeApiResponse response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified)
        {
            return [];
        }

        if (response.Header("Transfer-Encoding") is { } coding)
        {
            if (!coding.EndsWith("chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new RuntimeApiFatalException($"The Runtime API sent a body in an unsupported transfer coding '{coding}'.");
            }

            return await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }

        if (response.Header("Content-Length") is { } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > Array.MaxLength)
            {
                throw new RuntimeApiFatalException($"The Runtime API sent an invalid Content-Length '{text}'.");
            }

            if (length <= PreallocatedBodyBytes)
            {
                var body = new byte[length];
                await ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
                return body;
            }

            // Memory grows with the bytes that arrive, not with what the header claims.
            var large = new MemoryStream(PreallocatedBodyBytes);
            await CopyBodyAsync(large, length, cancellationToken).ConfigureAwait(false);
            return large.ToArray();
        }

        // Neither: the body runs to the end of the connection (RFC 9112 section 6.3, last rule).
        response.CloseConnection = true;
        var whole = new MemoryStream();
        whole.Write(_buffer, _start, _end - _start);
        _start = _end = 0;
        await _stream.CopyToAsync(whole, cancellationToken).ConfigureAwait(false);
        return whole.ToArray();
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        while (true)
        {
            // "{hex size}[;extensions]\r\n{data}\r\n" ... "0\r\n{trailer fields}\r\n"
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var semicolon = line.IndexOf(';');
            var sizeText = (semicolon >= 0 ? line[..semicolon] : line).Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0 || body.Length + size > Array.MaxLength)
            {
                throw new RuntimeApiFatalException($"The Runtime API sent an invalid chunk size '{Printable(line)}'.");
            }

            if (size == 0)
            {
                // Trailer fields: none the runtime needs; read up to the blank line that ends the message.
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                }

                return body.ToArray();
            }

            await CopyBodyAsync(body, size, cancellationToken).ConfigureAwait(false);
            if ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length != 0)
            {
                throw new RuntimeApiFatalException("The Runtime API sent a chunk longer than its size.");
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (found >= 0)
            {
                var line = Encoding.Latin1.GetString(_buffer, _start, found);
                _start += found + 2;
                return line;
            }

            if (_end - _start >= MaxHeaderBytes)
            {
                throw new RuntimeApiFatalException($"The Runtime API sent a chunk line over {MaxHeaderBytes} bytes.");
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw CutShort();
            }
        }
    }

    private async Task ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
    {
        var copied = Math.Min(target.Length, _end - _start);
        _buffer.AsSpan(_start, copied).CopyTo(target);
        _start += copied;
        while (copied < target.Length)
        {
            var read = await _stream.ReadAsync(target.AsMemory(copied), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw CutShort();
            }

            copied += read;
        }
    }

    /// <summary>Moves <paramref name="count"/> body bytes to <paramref name="target"/>, through the buffer.</summary>
    private async Task CopyBodyAsync(MemoryStream target, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw CutShort();
            }

            var take = (int)Math.Min(count, _end - _start);
            target.Write(_buffer, _start, take);
            _start += take;
            count -= take;
        }
    }

    /// <summary>Reads more into the buffer (compacting or growing it first); returns 0 at the connection's end.</summary>
    private async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            var buffered = _end - _start;
            var target = buffered > _buffer.Length / 2 ? new byte[_buffer.Length * 2] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, buffered);
            _buffer = target;
            _start = 0;
            _end = buffered;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        AnswerStarted |= read > 0;
        return read;
    }

    private RuntimeApiFatalException CutShort()
    {
        _closed = true;
        return new RuntimeApiFatalException("The Runtime API closed the connection in the middle of a response.");
    }

    private static string Printable(ReadOnlySpan<byte> bytes) => Printable(Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 120)]));

    private static string Printable(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsControl(source[i]) ? '?' : source[i];
        }
    });
}
