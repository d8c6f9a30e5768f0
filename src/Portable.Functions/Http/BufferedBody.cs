using System.Buffers;
using System.Runtime.InteropServices;

namespace Portable.Functions;

/// <summary>Wraps bytes as a read-only stream and gets them back without copying.</summary>
internal static class BufferedBody
{
    public static Stream Wrap(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return Stream.Null;
        }

        if (MemoryMarshal.TryGetArray(body, out var segment))
        {
            return new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false, publiclyVisible: true);
        }

        return new MemoryStream(body.ToArray(), writable: false);
    }

    /// <summary>
    /// Reads a body completely, refusing more than <paramref name="maxBytes"/> with a 413.
    /// Buffered bodies (adapters that received bytes) are returned without a copy.
    /// </summary>
    public static async ValueTask<ReadOnlyMemory<byte>> ReadAllAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        if (body == Stream.Null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (body is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            var remaining = buffer.AsMemory((int)memory.Position);
            if (remaining.Length > maxBytes)
            {
                throw FunctionProblemException.PayloadTooLarge(maxBytes);
            }

            return remaining;
        }

        // The read buffer is pooled: a fresh array per request would be most of the per-invocation
        // allocation of every body-reading path (typed JSON, CloudEvents); benchmarks/README.md has the figures.
        var output = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (output.Length + read > maxBytes)
                {
                    throw FunctionProblemException.PayloadTooLarge(maxBytes);
                }

                output.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }
}
