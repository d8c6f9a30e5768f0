using HybridGateway.Backend;
using Portable.Functions;
using Portable.Functions.Knative;

// The inventory microservice: a container on Kubernetes (Knative Serving, or a plain Deployment), written
// with the same SDK as the gateway in front of it. Locally: http://localhost:8081 (PORT=8081 by default
// here, so the gateway can run beside it on 8080). `--write-deploy-files <dir>` writes its Knative Service
// and the Native AOT Dockerfile.
var builder = FunctionApp.CreateBuilder(args);
builder.UseKnative(options => options.Port ??= Environment.GetEnvironmentVariable("PORT") is null ? BackendApp.LocalPort : null);
await using var app = BackendApp.Build(builder);
return await app.RunAsync();
