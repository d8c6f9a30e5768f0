using HelloHttp;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.Azure;
using Portable.Functions.Gcp;
using Portable.Functions.Knative;

// One app, every platform: the host is picked from the environment at start-up
// (AWS_LAMBDA_RUNTIME_API → Lambda Runtime API loop; FUNCTIONS_CUSTOMHANDLER_PORT → Azure custom
// handler; FUNCTION_TARGET → Cloud Run functions serving that one function; nothing set → local server
// on http://localhost:8080 with every function on its route).
// `HelloHttp --write-azure-metadata <dir>` writes host.json/function.json for the Azure custom handler.
var builder = FunctionApp.CreateBuilder(args);
builder.UseAws();
builder.UseAzureCustomHandler();
builder.UseGcp();
builder.UseKnative();
await using var app = HelloHttpApp.Build(builder);
await app.RunAsync();
