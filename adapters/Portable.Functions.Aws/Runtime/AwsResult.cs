namespace Portable.Functions.Aws;

/// <summary>What the loop posts for one invocation: response bytes, an error, or a streamed HTTP response.</summary>
internal sealed class AwsResult
{
    private AwsResult(ReadOnlyMemory<byte> payload, AwsError? error, string? errorCategory, FunctionResponse? stream)
    {
        Payload = payload;
        Error = error;
        ErrorCategory = errorCategory;
        Stream = stream;
    }

    public ReadOnlyMemory<byte> Payload { get; }

    public AwsError? Error { get; }

    /// <summary><c>Function</c> for handler failures, <c>Runtime</c> for the adapter's own (bad event, no handler).</summary>
    public string? ErrorCategory { get; }

    /// <summary>A response to send with Lambda response streaming (Function URL <c>RESPONSE_STREAM</c>).</summary>
    public FunctionResponse? Stream { get; }

    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> value, <c>Category.Reason</c> as AWS recommends.</summary>
    public string ErrorTypeHeader => ErrorCategory + "." + Reason(Error!.ErrorType);

    public static AwsResult Success(ReadOnlyMemory<byte> payload) => new(payload, null, null, null);

    public static AwsResult Streamed(FunctionResponse response) => new(default, null, null, response);

    public static AwsResult FunctionError(string type, string message) => new(default, new AwsError(message, type, []), "Function", null);

    public static AwsResult RuntimeError(string type, string message) => new(default, new AwsError(message, type, []), "Runtime", null);

    /// <summary>
    /// Keeps letters and digits and upper-cases the first: the RIE maps anything not matching
    /// <c>(Runtime|Function)\.[A-Z][a-zA-Z]+</c> to <c>Unknown</c>.
    /// </summary>
    internal static string Reason(string type)
    {
        var letters = new string(type.Where(char.IsAsciiLetter).ToArray());
        return letters.Length == 0 ? "Unknown" : char.ToUpperInvariant(letters[0]) + letters[1..];
    }
}
