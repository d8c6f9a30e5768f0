namespace Portable.Functions.Aws;

/// <summary>Settings of the AWS Lambda host; every one defaults to what Lambda puts in the environment.</summary>
public sealed class AwsOptions
{
    /// <summary>
    /// <c>host:port</c> of the Lambda Runtime API; <see langword="null"/> reads <c>AWS_LAMBDA_RUNTIME_API</c>.
    /// The host is active only when this resolves to a value.
    /// </summary>
    public string? RuntimeApi { get; set; }

    /// <summary>
    /// The function to run when the app has several; <see langword="null"/> reads <c>_HANDLER</c>. A value
    /// that names no function (the assembly name on the managed <c>dotnet</c> runtime, <c>bootstrap</c>)
    /// keeps routing HTTP events by path and records by CloudEvent type.
    /// </summary>
    public string? Handler { get; set; }

    /// <summary>
    /// Send Function URL responses whose body is streamed (<see cref="FunctionResponse.Stream"/>) with
    /// Lambda response streaming. Enable it only for a Function URL configured with
    /// <c>InvokeMode: RESPONSE_STREAM</c>; a buffered Function URL cannot read a stream.
    /// <see langword="null"/> reads <c>PORTABLE_AWS_RESPONSE_STREAMING</c> (<c>true</c>/<c>false</c>), default false.
    /// </summary>
    public bool? ResponseStreaming { get; set; }

    /// <summary>
    /// SnapStart only: requests (<c>"GET /hello"</c>, <c>"POST /orders?dry=1"</c>) invoked through the real
    /// pipeline, with no body, before the before-snapshot hooks, so the code they touch is compiled and
    /// initialised inside the snapshot; responses are discarded and failed answers only logged (an entry not of the form <c>METHOD /path</c> fails the initialisation). Empty: reads
    /// <c>PORTABLE_AWS_SNAPSTART_WARMUP</c> (the same, separated by <c>;</c>). Never used outside SnapStart.
    /// Warm-up handlers run before any real invocation: keep them free of side effects.
    /// </summary>
    public IList<string> SnapStartWarmUp { get; } = [];
}
