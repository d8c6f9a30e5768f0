namespace Portable.Functions.Aws;

/// <summary>Header names of the Lambda Runtime API (2018-06-01), matched ignoring case.</summary>
internal static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string FunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string ClientContext = "Lambda-Runtime-Client-Context";
    public const string CognitoIdentity = "Lambda-Runtime-Cognito-Identity";
    public const string TenantId = "Lambda-Runtime-Aws-Tenant-Id";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";
    public const string FunctionErrorBody = "Lambda-Runtime-Function-Error-Body";
    public const string ResponseMode = "Lambda-Runtime-Function-Response-Mode";
}
