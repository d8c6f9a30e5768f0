using HelloHttp;
using Portable.Functions;
using Portable.Functions.Azure;
using Portable.Functions.Knative;

// One app, every platform: the host is picked from the environment at start-up
// (FUNCTIONS_CUSTOMHANDLER_PORT → Azure custom handler; nothing set → local server on
// http://localhost:8080). `HelloHttp --write-azure-metadata <dir>` writes host.json/function.json.
var builder = FunctionApp.CreateBuilder(args);
builder.UseKnative();
builder.UseAzureCustomHandler();
await using var app = HelloHttpApp.Build(builder);
await app.RunAsync();
