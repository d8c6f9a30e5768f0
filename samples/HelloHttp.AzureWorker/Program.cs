using HelloHttp;
using Portable.Functions;
using Portable.Functions.Azure.Worker;
using Portable.Functions.Knative;

// The same HelloHttp functions, run by the Azure Functions host as an isolated worker; started by
// hand (no FUNCTIONS_WORKER_DIRECTORY), it serves them locally on http://localhost:8080 instead.
var builder = FunctionApp.CreateBuilder(args);
builder.UseKnative();
builder.UseAzureWorker();
await using var app = HelloHttpApp.Build(builder);
await app.RunAsync();
