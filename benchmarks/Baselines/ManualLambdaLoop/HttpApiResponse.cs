namespace ManualLambdaLoop;

/// <summary>An API Gateway HTTP API (payload 2.0) response.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">Body text.</param>
/// <param name="Headers">Response headers.</param>
internal sealed record HttpApiResponse(int StatusCode, string Body, Dictionary<string, string> Headers);
