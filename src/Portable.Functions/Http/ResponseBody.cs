using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Portable.Functions;

/// <summary>
/// The body of a <see cref="FunctionResponse"/>: buffered bytes (text and JSON are encoded when created,
/// so encoding failures surface inside the handler) or a writer callback for streaming.
/// </summary>
public abstract class ResponseBody
{
    private protected ResponseBody()
    {
    }

    /// <summary>No body.</summary>
    public static ResponseBody Empty { get; } = new BufferedResponseBody(ReadOnlyMemory<byte>.Empty);

    /// <summary><see langword="true"/> for a streamed body that has no bytes until written.</summary>
    public abstract bool IsStreamed { get; }

    /// <summary>A body of the given bytes (not copied).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The body.</returns>
    public static ResponseBody FromBytes(ReadOnlyMemory<byte> bytes) =>
        bytes.IsEmpty ? Empty : new BufferedResponseBody(bytes);

    /// <summary>A body of UTF-8 encoded text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The body.</returns>
    public static ResponseBody FromText(string text) => FromBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>A body of <paramref name="value"/> serialized with source-generated metadata.</summary>
    /// <typeparam name="T">Type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">Source-generated metadata.</param>
    /// <returns>The body.</returns>
    public static ResponseBody FromJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new BufferedResponseBody(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
    }

    /// <summary>A streamed body produced by <paramref name="writer"/>.</summary>
    /// <param name="writer">Called once with the destination stream.</param>
    /// <returns>The body.</returns>
    public static ResponseBody FromStream(Func<Stream, CancellationToken, Task> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new StreamedResponseBody(writer);
    }

    /// <summary>Gets the bytes of a buffered body.</summary>
    /// <param name="bytes">The bytes, when buffered.</param>
    /// <returns><see langword="false"/> for a streamed body.</returns>
    public abstract bool TryGetBytes(out ReadOnlyMemory<byte> bytes);

    /// <summary>Writes the body to <paramref name="destination"/>.</summary>
    /// <param name="destination">Target stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the whole body is written.</returns>
    public abstract Task WriteToAsync(Stream destination, CancellationToken cancellationToken);

    /// <summary>
    /// Buffers the whole body (running a streamed writer into memory), for platforms without streaming.
    /// </summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The body bytes.</returns>
    public async ValueTask<ReadOnlyMemory<byte>> ToBytesAsync(CancellationToken cancellationToken)
    {
        if (TryGetBytes(out var bytes))
        {
            return bytes;
        }

        using var buffer = new MemoryStream();
        await WriteToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private sealed class BufferedResponseBody(ReadOnlyMemory<byte> bytes) : ResponseBody
    {
        public override bool IsStreamed => false;

        public override bool TryGetBytes(out ReadOnlyMemory<byte> value)
        {
            value = bytes;
            return true;
        }

        public override Task WriteToAsync(Stream destination, CancellationToken cancellationToken) =>
            bytes.IsEmpty ? Task.CompletedTask : destination.WriteAsync(bytes, cancellationToken).AsTask();
    }

    private sealed class StreamedResponseBody(Func<Stream, CancellationToken, Task> writer) : ResponseBody
    {
        public override bool IsStreamed => true;

        public override bool TryGetBytes(out ReadOnlyMemory<byte> value)
        {
            value = default;
            return false;
        }

        public override Task WriteToAsync(Stream destination, CancellationToken cancellationToken) => writer(destination, cancellationToken);
    }
}
