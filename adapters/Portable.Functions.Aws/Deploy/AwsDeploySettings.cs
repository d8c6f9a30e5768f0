using Portable.Functions.Deploy;
using Portable.Functions.Hosting;

namespace Portable.Functions.Aws.Deploy;

/// <summary>The <c>Deploy:Aws:*</c> settings, read and checked once per write.</summary>
internal sealed class AwsDeploySettings
{
    public const string NativeRuntime = "provided.al2023";
    public const string ManagedRuntime = "dotnet10";

    /// <summary>
    /// The Native AOT publish properties of a <c>bootstrap</c> that starts soonest: data stored ready to use
    /// (no rebuild at start-up) in a fixed-address executable (no relocations for the loader to apply).
    /// </summary>
    public const string NativePublishSettings = "-p:PublishAot=true -p:IlcDehydrate=false -p:PositionIndependentExecutable=false";

    /// <summary>The .NET runtime identifier of a Lambda architecture.</summary>
    public static string RuntimeIdentifier(string architecture) => architecture == "arm64" ? "linux-arm64" : "linux-x64";

    public AwsDeploySettings(FunctionApp app, DeploymentSettings settings)
    {
        AppName = settings.AppName;
        LogicalName = DeployText.Pascal(settings.GetString("Aws:Name", AppName));
        FunctionName = DeployText.Kebab(settings.GetString("Aws:Name", AppName));
        Runtime = settings.GetChoice("Aws:Runtime", NativeRuntime, NativeRuntime, ManagedRuntime);
        Handler = Runtime == NativeRuntime ? "bootstrap" : settings.GetString("Aws:Handler", AppName);
        CodeUri = settings.GetString("Aws:CodeUri", "./lambda/");
        MemorySize = settings.GetInt32("Aws:MemorySize", 512, 128, 10240);
        Timeout = settings.GetInt32("Aws:Timeout", 30, 1, 900);
        Architecture = settings.GetChoice("Aws:Architecture", "x86_64", "x86_64", "arm64");
        Region = settings.GetString("Aws:Region", "us-east-1");
        PerRoute = settings.GetChoice("Aws:Routes", "catch-all", "catch-all", "per-route") == "per-route";
        DeadLetterQueue = settings.GetBoolean("Aws:DeadLetterQueue", true);
        MaxReceiveCount = settings.GetInt32("Aws:MaxReceiveCount", 5, 1, 1000);
        LogLevel = settings.GetChoice("Aws:LogLevel", "INFO", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
        HttpFunctions = app.Functions.Where(f => f.Kind != FunctionKind.Event && f.Route is not null).ToList();
        var sources = new List<AwsEventSource>();
        var dynamoDb = false;
        foreach (var function in app.Functions.Where(f => f.Kind == FunctionKind.Event))
        {
            var source = AwsEventSource.For(function, settings);

            // One mapping per stream: a second mapping would deliver every record twice.
            if (source.Kind == AwsEventSourceKind.DynamoDb)
            {
                if (dynamoDb)
                {
                    continue;
                }

                dynamoDb = true;
            }

            sources.Add(source);
        }

        Sources = sources;
    }

    public string AppName { get; }

    /// <summary>CloudFormation logical-id base, e.g. <c>HelloHttp</c>.</summary>
    public string LogicalName { get; }

    /// <summary>Lambda function name (Terraform), e.g. <c>hello-http</c>.</summary>
    public string FunctionName { get; }

    public string Runtime { get; }

    public string Handler { get; }

    public string CodeUri { get; }

    public int MemorySize { get; }

    public int Timeout { get; }

    public string Architecture { get; }

    public string Region { get; }

    public bool PerRoute { get; }

    public bool DeadLetterQueue { get; }

    public int MaxReceiveCount { get; }

    public string LogLevel { get; }

    public IReadOnlyList<FunctionDescriptor> HttpFunctions { get; }

    public IReadOnlyList<AwsEventSource> Sources { get; }

    /// <summary>SNS and EventBridge invoke asynchronously: their failures go to the function's dead-letter queue.</summary>
    public bool HasAsyncSource => Sources.Any(s => s.Kind is AwsEventSourceKind.Sns or AwsEventSourceKind.EventBridge);

    /// <summary>
    /// API Gateway routes, <c>METHOD /path</c>; API Gateway and the portable router share the
    /// <c>{name}</c> parameter syntax. A function without methods answers every method (<c>ANY</c>).
    /// </summary>
    public IEnumerable<(FunctionDescriptor Function, string Method, string Path)> Routes()
    {
        foreach (var function in HttpFunctions)
        {
            var path = "/" + function.Route!.Trim('/');
            var methods = function.Methods.Count == 0 ? ["ANY"] : function.Methods;
            foreach (var method in methods)
            {
                yield return (function, method, path);
            }
        }
    }
}
