using Portable.Functions;
#if (withAws)
using Portable.Functions.Aws;
#endif
#if (withAzure)
using Portable.Functions.Azure;
#endif
#if (withGcp)
using Portable.Functions.Gcp;
#endif
#if (withKnative)
using Portable.Functions.Knative;
#endif
#if (withOpenfaas)
using Portable.Functions.OpenFaaS;
#endif
#if (withOpenwhisk)
using Portable.Functions.OpenWhisk;
#endif
using PortableEvents;

// One app for every platform registered below: the host is picked from the environment at start-up
// (AWS_LAMBDA_RUNTIME_API: Lambda; FUNCTIONS_CUSTOMHANDLER_PORT: Azure; FUNCTION_TARGET: Cloud Run
// functions; ...; nothing set: the local server on http://localhost:8080, if UseKnative() is called).
// Call only the Use...() of the platforms a binary is deployed to: Native AOT trims the others away.
var builder = FunctionApp.CreateBuilder(args);
#if (withAws)
builder.UseAws();
#endif
#if (withAzure)
builder.UseAzureCustomHandler();
#endif
#if (withGcp)
builder.UseGcp();
#endif
#if (withOpenfaas)
builder.UseOpenFaaS();
#endif
#if (withOpenwhisk)
builder.UseOpenWhisk();
#endif
#if (withKnative)
builder.UseKnative();
#endif

// The functions live in App.Build, so the tests build the very same app (FunctionTestHost.Create(App.Build)).
await using var app = App.Build(builder);
return await app.RunAsync();
