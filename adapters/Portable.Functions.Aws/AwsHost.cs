using Portable.Functions.Hosting;

namespace Portable.Functions.Aws;

/// <summary>The Lambda host: active when the Runtime API address is known, runs the Runtime API loop.</summary>
internal sealed class AwsHost(AwsOptions options) : IFunctionHost
{
    public string Name => "aws-lambda";

    public bool IsFallback => false;

    public bool IsActive(FunctionApp app) => !string.IsNullOrEmpty(options.RuntimeApi ?? app.Configuration["AWS_LAMBDA_RUNTIME_API"]);

    public Task RunAsync(FunctionApp app, CancellationToken cancellationToken) => new AwsRuntimeLoop(app, options).RunAsync(cancellationToken);
}
