using System.Text;
using System.Text.Json;

namespace Portable.Functions.Testing;

/// <summary>
/// What the Lambda runtime posts for one invocation, read for a test: an error (posted to <c>/error</c>
/// with <c>Lambda-Runtime-Function-Error-Type</c>), the partial batch response of SQS, Kinesis and DynamoDB
/// (<c>batchItemFailures</c>), or the response of an HTTP source (API Gateway, Function URL, ALB:
/// <c>statusCode</c>, <c>headers</c>, <c>body</c>, base64 decoded). See
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html and
/// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html.
/// </summary>
public sealed class AwsAnswer
{
    private readonly NativeAnswer _answer;

    internal AwsAnswer(NativeAnswer answer)
    {
        _answer = answer;
    }

    /// <summary>Whether the runtime reports a failed invocation (Lambda then retries or fails the whole event).</summary>
    public bool IsError => ErrorType is not null;

    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> value (<c>Function.InvalidOperationException</c>, <c>Runtime.InvalidEvent</c>, ...), or <see langword="null"/> on success.</summary>
    public string? ErrorType => _answer.Headers.GetFirst("Lambda-Runtime-Function-Error-Type");

    /// <summary>The error document's <c>errorMessage</c>, or <see langword="null"/> on success.</summary>
    public string? ErrorMessage => IsError && Payload.TryGetProperty("errorMessage", out var message) ? message.GetString() : null;

    /// <summary>The posted document.</summary>
    /// <exception cref="JsonException">The posted body is not JSON.</exception>
    public JsonElement Payload => _answer.ReadAsJson();

    /// <summary>
    /// The <c>itemIdentifier</c> of each entry of <c>batchItemFailures</c>: the messages Lambda will deliver
    /// again (SQS message ids, Kinesis/DynamoDB sequence numbers). Empty when every record succeeded.
    /// </summary>
    /// <exception cref="InvalidOperationException">The invocation failed as a whole, or the answer is not a batch response.</exception>
    public IReadOnlyList<string> BatchItemFailures
    {
        get
        {
            ThrowIfError();
            var payload = Payload;
            if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("batchItemFailures", out var failures) || failures.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidOperationException($"The answer is not a partial batch response: {_answer.ReadAsString()}");
            }

            return [.. failures.EnumerateArray().Select(static f => f.GetProperty("itemIdentifier").GetString()!)];
        }
    }

    /// <summary>The HTTP status code of an API Gateway, Function URL or ALB response (<c>statusCode</c>).</summary>
    /// <exception cref="InvalidOperationException">The invocation failed, or the answer is not an HTTP response document.</exception>
    public int StatusCode => Http().GetProperty("statusCode").GetInt32();

    /// <summary>A response header (from <c>headers</c>, else the first of <c>multiValueHeaders</c>), or <see langword="null"/>.</summary>
    /// <param name="name">The header name, any case.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The invocation failed, or the answer is not an HTTP response document.</exception>
    public string? Header(string name)
    {
        var http = Http();
        foreach (var property in new[] { "headers", "multiValueHeaders" })
        {
            if (http.TryGetProperty(property, out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headers.EnumerateObject())
                {
                    if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return header.Value.ValueKind == JsonValueKind.Array ? header.Value[0].GetString() : header.Value.GetString();
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The <c>cookies</c> of an HTTP API or Function URL response (payload 2.0), one entry per <c>Set-Cookie</c>.</summary>
    /// <exception cref="InvalidOperationException">The invocation failed, or the answer is not an HTTP response document.</exception>
    public IReadOnlyList<string> Cookies =>
        Http().TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array
            ? [.. cookies.EnumerateArray().Select(static c => c.GetString()!)]
            : [];

    /// <summary>The HTTP response body as bytes (<c>isBase64Encoded</c> decoded).</summary>
    /// <exception cref="InvalidOperationException">The invocation failed, or the answer is not an HTTP response document.</exception>
    public byte[] BodyBytes
    {
        get
        {
            var http = Http();
            var body = http.TryGetProperty("body", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
            return http.TryGetProperty("isBase64Encoded", out var base64) && base64.ValueKind == JsonValueKind.True
                ? Convert.FromBase64String(body)
                : Encoding.UTF8.GetBytes(body);
        }
    }

    /// <summary>The HTTP response body as UTF-8 text.</summary>
    /// <returns>The text.</returns>
    /// <exception cref="InvalidOperationException">The invocation failed, or the answer is not an HTTP response document.</exception>
    public string ReadBodyAsString() => Encoding.UTF8.GetString(BodyBytes);

    /// <summary>The HTTP response body as a JSON document.</summary>
    /// <returns>The root element.</returns>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public JsonElement ReadBodyAsJson()
    {
        using var document = JsonDocument.Parse(BodyBytes);
        return document.RootElement.Clone();
    }

    /// <inheritdoc />
    public override string ToString() => IsError ? $"error {ErrorType}: {ErrorMessage}" : _answer.ReadAsString();

    private JsonElement Http()
    {
        ThrowIfError();
        var payload = Payload;
        return payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("statusCode", out _)
            ? payload
            : throw new InvalidOperationException($"The answer is not an HTTP response document: {_answer.ReadAsString()}");
    }

    private void ThrowIfError()
    {
        if (IsError)
        {
            throw new InvalidOperationException($"The invocation failed ({ErrorType}): {ErrorMessage}");
        }
    }
}
