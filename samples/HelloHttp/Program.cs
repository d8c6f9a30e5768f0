using HelloHttp;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Gcp;
using Portable.Functions.Knative;

// One app, every platform: the host is picked from the environment at start-up
// (AWS_LAMBDA_RUNTIME_API → Lambda Runtime API loop; FUNCTION_TARGET → Cloud Run functions serving
// that one function; nothing set → local server on http://localhost:8080 with every function on its route).
var builder = FunctionApp.CreateBuilder(args);
builder.UseAws();
builder.UseGcp();
builder.UseKnative();
await using var app = HelloHttpApp.Build(builder);
await app.RunAsync();
