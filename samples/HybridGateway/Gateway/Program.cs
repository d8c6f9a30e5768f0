using HybridGateway.Gateway;
using Portable.Functions;
using Portable.Functions.Aws;
#if !PORTABLE_HOST_AWS
using Portable.Functions.Knative;
#endif

// The serverless front door: on AWS Lambda behind API Gateway (or any platform the SDK runs on), it
// validates requests and forwards them to the inventory service on Kubernetes (Backend:BaseUrl). Locally
// it serves http://localhost:8080 and forwards to the backend on :8081 (run-local.sh starts both).
var builder = FunctionApp.CreateBuilder(args);
builder.UseAws();
#if !PORTABLE_HOST_AWS
builder.UseKnative();
#endif

FunctionApp app;
try
{
    app = GatewayApp.Build(builder);
}
catch (InvalidOperationException exception)
{
    // A bad Backend:* setting: one line and exit code 1, as the SDK reports its own start-up errors.
    await Console.Error.WriteLineAsync("crit: Gateway cannot start: " + exception.Message);
    return 1;
}

await using (app)
{
    return await app.RunAsync();
}
