using System.Text;
using System.Text.Json;

namespace Portable.Functions.Aws.Tests;

/// <summary>What the runtime posted for one invocation (or for init).</summary>
/// <param name="Kind"><c>response</c>, <c>error</c>, <c>init-error</c>, or <c>too-large</c> (a response the API refused with 413).</param>
/// <param name="Body">The posted bytes (chunked framing removed).</param>
/// <param name="ErrorTypeHeader">The <c>Lambda-Runtime-Function-Error-Type</c> request header.</param>
/// <param name="ContentType">The request content type.</param>
/// <param name="Trailers">Request trailers (streamed responses).</param>
internal sealed record FakeResult(string Kind, byte[] Body, string ErrorTypeHeader, string? ContentType, Dictionary<string, string> Trailers)
{
    public string? ResponseMode { get; init; }

    public bool Chunked { get; init; }

    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
