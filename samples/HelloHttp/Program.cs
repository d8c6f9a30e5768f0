using HelloHttp;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.OpenTelemetry;
#if !PORTABLE_HOST_AWS
using Portable.Functions.Azure;
using Portable.Functions.Gcp;
using Portable.Functions.Knative;
using Portable.Functions.OpenFaaS;
using Portable.Functions.OpenWhisk;
#endif

// One app, every platform: the host is picked from the environment at start-up
// (AWS_LAMBDA_RUNTIME_API → Lambda Runtime API loop; FUNCTIONS_CUSTOMHANDLER_PORT → Azure custom
// handler; FUNCTION_TARGET → Cloud Run functions serving that one function; mode=http + fprocess +
// upstream_url → behind OpenFaaS's of-watchdog; __OW_API_HOST → OpenWhisk action; nothing set → local server
// on http://localhost:8080 with every function on its route).
// `HelloHttp --write-deploy-files <dir>` writes every platform's deployment files (SAM, Terraform,
// Knative, Azure, gcloud, Dockerfile) from these functions and exits; see the README's Deploy section.
var builder = FunctionApp.CreateBuilder(args);
builder.UseAws();
#if !PORTABLE_HOST_AWS
// `dotnet publish -p:PortableHost=aws` leaves these out: with no call to them, Native AOT trims the
// Kestrel-based hosts away, and the Lambda-only bootstrap is smaller and starts faster.
builder.UseAzureCustomHandler();
builder.UseGcp();
builder.UseOpenFaaS();
builder.UseOpenWhisk();
builder.UseKnative();
#endif

#if !PORTABLE_NO_OTEL
// Exports spans, metrics and logs when an OTEL_* variable asks (OTEL_TRACES_EXPORTER=console,
// OTEL_EXPORTER_OTLP_ENDPOINT=...); with none set it builds nothing. After the Use* calls: UseGcp
// replaces the logging providers registered before it. `-p:PortableTelemetry=off` switches the SDK's
// telemetry off (a trimmable feature switch) and leaves this call out: Native AOT then leaves the
// OpenTelemetry SDK out of the binary, and the managed runtime never loads its assembly (the Lambda-only
// build does: there every megabyte and every assembly load is start-up time).
builder.UseOpenTelemetry();
#endif
await using var app = HelloHttpApp.Build(builder);
await app.RunAsync();
