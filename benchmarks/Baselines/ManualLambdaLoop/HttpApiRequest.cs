namespace ManualLambdaLoop;

/// <summary>The part of an API Gateway HTTP API (payload 2.0) event the hello handler reads.</summary>
/// <param name="RawPath">Request path.</param>
/// <param name="QueryStringParameters">Query parameters (comma-joined when repeated); absent when none.</param>
internal sealed record HttpApiRequest(string? RawPath, Dictionary<string, string>? QueryStringParameters);
