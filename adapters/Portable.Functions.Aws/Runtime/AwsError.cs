using System.Text.Json.Serialization;

namespace Portable.Functions.Aws;

/// <summary>The error document posted to <c>/invocation/{id}/error</c> and <c>/init/error</c>.</summary>
/// <param name="ErrorMessage">Human-readable message.</param>
/// <param name="ErrorType">Exception or reason name.</param>
/// <param name="StackTrace">Stack frames, one per entry (empty: the pipeline already logged the exception).</param>
internal sealed record AwsError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    /// <summary>Builds the error of an exception, frames split into lines as the managed runtime does.</summary>
    public static AwsError FromException(Exception exception) => new(
        exception.Message,
        exception.GetType().Name,
        exception.StackTrace is { } trace ? trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : []);
}
