using System.Text;
using System.Text.Json;
using Portable.Functions.Hosting;

namespace Portable.Functions.Testing;

/// <summary>
/// A host's native answer as a test reads it: status, headers and body (for AWS Lambda the document the
/// runtime posts back; read it with <see cref="AsAws"/>).
/// </summary>
public sealed class NativeAnswer
{
    internal NativeAnswer(NativeResponse response)
    {
        Response = response;
    }

    /// <summary>The answer as the adapter produced it.</summary>
    public NativeResponse Response { get; }

    /// <summary>The HTTP status code (AWS: always 200; see <see cref="AwsAnswer.IsError"/>).</summary>
    public int StatusCode => Response.StatusCode;

    /// <summary>The headers.</summary>
    public HeaderCollection Headers => Response.Headers;

    /// <summary>The <c>Content-Type</c> header, if any.</summary>
    public string? ContentType => Response.Headers.GetFirst("Content-Type");

    /// <summary>The whole body.</summary>
    public ReadOnlyMemory<byte> Body => Response.Body;

    /// <summary>The body as UTF-8 text.</summary>
    /// <returns>The text (empty for no body).</returns>
    public string ReadAsString() => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The body as a JSON document.</summary>
    /// <returns>The root element (detached from any buffer).</returns>
    /// <exception cref="JsonException">The body is not JSON; the message holds the start of the body.</exception>
    public JsonElement ReadAsJson()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            var text = ReadAsString();
            throw new JsonException($"The answer ({StatusCode} {ContentType}) is not JSON: {(text.Length > 200 ? text[..200] + "..." : text)}", exception);
        }
    }

    /// <summary>Reads the answer as the Lambda runtime's result: an error, a batch response, or an HTTP source's response.</summary>
    /// <returns>The view.</returns>
    public AwsAnswer AsAws() => new(this);

    /// <inheritdoc />
    public override string ToString() => $"{StatusCode} {ContentType}";
}
