using EventPipeline;
using Portable.Functions;
using Portable.Functions.Aws;
#if !PORTABLE_HOST_AWS
using Portable.Functions.Azure;
using Portable.Functions.Knative;
#endif

// One app, three Kafka consumers: the host is picked from the environment at start-up
// (AWS_LAMBDA_RUNTIME_API → Lambda, fed by an MSK or self-managed Kafka event source mapping;
// FUNCTIONS_CUSTOMHANDLER_PORT → Azure custom handler, fed by the Kafka trigger; nothing set → the
// Knative server on :8080, fed by a KafkaSource). `EventPipeline --write-deploy-files <dir>` writes the
// SAM template, Terraform, Knative and Azure files from the functions and the Deploy settings below.
var builder = FunctionApp.CreateBuilder(args);
EventPipelineApp.AddDeploySettings(builder);
builder.UseAws();
#if !PORTABLE_HOST_AWS
builder.UseAzureCustomHandler();
builder.UseKnative();
#endif
await using var app = EventPipelineApp.Build(builder);
await app.RunAsync();
