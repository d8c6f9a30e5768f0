using HelloHttp;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Knative;

// One app, every platform: the host is picked from the environment at start-up
// (AWS_LAMBDA_RUNTIME_API → Lambda Runtime API loop; nothing set → local server on http://localhost:8080).
var builder = FunctionApp.CreateBuilder(args);
builder.UseAws();
builder.UseKnative();
await using var app = HelloHttpApp.Build(builder);
await app.RunAsync();
