using Microsoft.AspNetCore.Http;

namespace Portable.Functions.AspNetCore;

/// <summary>
/// Wraps Kestrel's request body so its <see cref="BadHttpRequestException"/> (body over the limit,
/// malformed chunking) reaches the pipeline as a <see cref="FunctionProblemException"/> with the same
/// status (413/400) instead of a 500.
/// </summary>
internal sealed class KestrelBodyStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (BadHttpRequestException exception)
        {
            throw Map(exception);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception)
        {
            throw Map(exception);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static FunctionProblemException Map(BadHttpRequestException exception) => exception.StatusCode == StatusCodes.Status413PayloadTooLarge
        ? new FunctionProblemException(413, "Payload Too Large", "The request body exceeds the configured limit.", exception)
        : FunctionProblemException.BadRequest("The request body could not be read.", exception);
}
