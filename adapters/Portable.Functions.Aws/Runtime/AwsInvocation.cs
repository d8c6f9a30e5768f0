namespace Portable.Functions.Aws;

/// <summary>
/// One invocation as the Lambda Runtime API delivered it (<c>GET /runtime/invocation/next</c>): the
/// raw event and every header. Handlers reach it with <c>context.GetNative&lt;AwsInvocation&gt;()</c>;
/// the same values are on <see cref="FunctionContext.Platform"/> under the names in <see cref="AwsPlatformProperties"/>.
/// </summary>
public sealed class AwsInvocation
{
    /// <summary>The request id (<c>Lambda-Runtime-Aws-Request-Id</c>), also <see cref="FunctionContext.InvocationId"/>.</summary>
    public required string RequestId { get; init; }

    /// <summary>Absolute deadline from <c>Lambda-Runtime-Deadline-Ms</c>, also <see cref="FunctionContext.Deadline"/>; null when the header is missing.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The ARN used to invoke, with any version or alias qualifier (<c>Lambda-Runtime-Invoked-Function-Arn</c>).</summary>
    public string? FunctionArn { get; init; }

    /// <summary>The raw X-Ray header (<c>Root=...;Parent=...;Sampled=...</c>), also exported as <c>_X_AMZN_TRACE_ID</c> during the invoke.</summary>
    public string? TraceId { get; init; }

    /// <summary>Client context JSON (<c>Lambda-Runtime-Client-Context</c>), when the caller sent one.</summary>
    public string? ClientContext { get; init; }

    /// <summary>Cognito identity JSON (<c>Lambda-Runtime-Cognito-Identity</c>), when present.</summary>
    public string? CognitoIdentity { get; init; }

    /// <summary>Tenant id in tenant-isolation mode (<c>Lambda-Runtime-Aws-Tenant-Id</c>), when present.</summary>
    public string? TenantId { get; init; }

    /// <summary>The event bytes, exactly as received.</summary>
    public required ReadOnlyMemory<byte> Event { get; init; }
}
