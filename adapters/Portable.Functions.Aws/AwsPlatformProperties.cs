namespace Portable.Functions.Aws;

/// <summary>
/// Names of the values the AWS host puts in <see cref="PlatformInfo.Properties"/> (platform name
/// <c>aws-lambda</c>). Per-invocation values use the Runtime API header name; per-process values the
/// environment variable name. Absent values are not in the dictionary.
/// </summary>
public static class AwsPlatformProperties
{
    /// <summary>The platform name.</summary>
    public const string PlatformName = "aws-lambda";

    /// <summary>Invoked function ARN (per invocation).</summary>
    public const string FunctionArn = RuntimeApiHeaders.FunctionArn;

    /// <summary>Raw X-Ray trace header (per invocation).</summary>
    public const string TraceId = RuntimeApiHeaders.TraceId;

    /// <summary>Client context JSON (per invocation).</summary>
    public const string ClientContext = RuntimeApiHeaders.ClientContext;

    /// <summary>Cognito identity JSON (per invocation).</summary>
    public const string CognitoIdentity = RuntimeApiHeaders.CognitoIdentity;

    /// <summary>Tenant id (per invocation).</summary>
    public const string TenantId = RuntimeApiHeaders.TenantId;

    /// <summary>Function name (per process).</summary>
    public const string FunctionName = "AWS_LAMBDA_FUNCTION_NAME";

    /// <summary>Function version (per process).</summary>
    public const string FunctionVersion = "AWS_LAMBDA_FUNCTION_VERSION";

    /// <summary>Memory size in MB (per process).</summary>
    public const string MemorySize = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

    /// <summary>Log group (per process).</summary>
    public const string LogGroupName = "AWS_LAMBDA_LOG_GROUP_NAME";

    /// <summary>Log stream (per process).</summary>
    public const string LogStreamName = "AWS_LAMBDA_LOG_STREAM_NAME";

    /// <summary>Region (per process).</summary>
    public const string Region = "AWS_REGION";

    /// <summary>Initialization type: on-demand, provisioned-concurrency, snap-start (per process).</summary>
    public const string InitializationType = "AWS_LAMBDA_INITIALIZATION_TYPE";
}
