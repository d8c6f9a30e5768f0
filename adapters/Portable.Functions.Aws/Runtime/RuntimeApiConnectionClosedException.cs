namespace Portable.Functions.Aws;

/// <summary>
/// The server closed a connection before the first byte of an answer: on a kept-alive connection the
/// request was never read (RFC 9112 section 9.3.1), so it is sent again once on a new connection.
/// </summary>
internal sealed class RuntimeApiConnectionClosedException() : IOException("The Runtime API closed the connection before answering.");
