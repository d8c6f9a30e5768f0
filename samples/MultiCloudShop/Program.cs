using MultiCloudShop;
using Portable.Functions;
using Portable.Functions.Aws;
using Portable.Functions.OpenTelemetry;
#if !PORTABLE_HOST_AWS
using Portable.Functions.Azure;
using Portable.Functions.Gcp;
using Portable.Functions.Knative;
#endif

// One executable for every layout. The platform is picked from the environment at start-up (Lambda,
// Azure custom handler, Cloud Run functions, else the local/Knative server on :8080); which functions it
// maps comes from Shop:Functions (orders, analytics, payments; default all), so the API can run on AWS,
// analytics on Google and payments on Azure from the same build. `--write-deploy-files <dir>` writes the
// deployment files of the mapped functions; `--Deploy:Platforms=aws` limits them to one cloud
// (deploy/regenerate.sh writes both committed layouts).
var builder = FunctionApp.CreateBuilder(args);
builder.UseAws();
#if !PORTABLE_HOST_AWS
builder.UseAzureCustomHandler();
builder.UseGcp();
builder.UseKnative();
#endif
#if !PORTABLE_NO_OTEL
// Spans, metrics and logs when an OTEL_* variable asks; nothing otherwise (see samples/HelloHttp).
builder.UseOpenTelemetry();
#endif

FunctionApp app;
try
{
    app = ShopApp.Build(builder);
}
catch (InvalidOperationException exception)
{
    // A bad Shop:Functions value: one line and exit code 1, as the SDK reports its own start-up errors.
    await Console.Error.WriteLineAsync("crit: MultiCloudShop cannot start: " + exception.Message);
    return 1;
}

await using (app)
{
    return await app.RunAsync();
}
