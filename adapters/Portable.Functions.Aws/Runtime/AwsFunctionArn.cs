namespace Portable.Functions.Aws;

/// <summary>
/// The invocation's function ARN as the OpenTelemetry conventions want it: <c>cloud.resource_id</c> is the
/// function ARN with any alias replaced by the resolved function version, because one execution environment
/// can be invoked through several aliases (https://opentelemetry.io/docs/specs/semconv/resource/cloud/,
/// <c>cloud.resource_id</c>, "AWS Lambda"), and <c>cloud.account.id</c> is the ARN's account field.
/// </summary>
/// <param name="InvokedArn">The ARN the Runtime API gave (<c>Lambda-Runtime-Invoked-Function-Arn</c>).</param>
/// <param name="ResourceId">The resolved ARN, or null when the invoked one is not a Lambda function ARN.</param>
/// <param name="AccountId">The account id, or null.</param>
internal sealed record AwsFunctionArn(string InvokedArn, string? ResourceId, string? AccountId)
{
    /// <summary>
    /// Resolves <c>arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]</c> against the process's
    /// <c>AWS_LAMBDA_FUNCTION_VERSION</c>; anything else gives nulls (the span then omits both attributes).
    /// </summary>
    public static AwsFunctionArn Resolve(string invokedArn, string? version)
    {
        var parts = invokedArn.Split(':');
        if (parts.Length is < 7 or > 8 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function" || parts[4].Length == 0)
        {
            return new AwsFunctionArn(invokedArn, null, null);
        }

        var unqualified = string.Join(':', parts, 0, 7);
        var resolved = string.IsNullOrEmpty(version) ? unqualified : unqualified + ":" + version;
        return new AwsFunctionArn(invokedArn, resolved, parts[4]);
    }
}
