namespace Portable.Functions.Aws;

/// <summary>The HTTP event sources; each answers in its own response shape.</summary>
internal enum HttpEventKind
{
    /// <summary>API Gateway payload 1.0 (REST API, or HTTP API in 1.0 mode).</summary>
    RestApi,

    /// <summary>API Gateway HTTP API payload 2.0.</summary>
    HttpApi,

    /// <summary>Lambda Function URL (payload 2.0 shape, no stage).</summary>
    FunctionUrl,

    /// <summary>ALB target in the default single-value mode.</summary>
    AlbSingleValue,

    /// <summary>ALB target with <c>lambda.multi_value_headers.enabled</c>.</summary>
    AlbMultiValue,
}
