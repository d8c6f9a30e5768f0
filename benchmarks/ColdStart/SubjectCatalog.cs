namespace Portable.Benchmarks.ColdStart;

/// <summary>
/// Every subject the harness knows. Adding one is one entry: an app, a probe, its baseline and the
/// environment that selects the platform. Subjects whose adapter is not referenced by the sample yet
/// are listed as skipped, with the reason.
/// </summary>
internal static class SubjectCatalog
{
    public const string KestrelBaseline = "slim";
    public const string LambdaBaseline = "lambda-loop";
    public const string AwsOnly = "aws-only";
    public const string LambdaBaselineHydrated = "lambda-loop-hydrated";
    public const string KestrelBaselineHydrated = "slim-hydrated";
    public const string NodePeer = "node-ff";

    private static readonly Dictionary<string, string> s_none = [];

    private const string OrderCloudEvent = """{"specversion":"1.0","id":"partition:0/offset:15","source":"/apis/v1/namespaces/shop/kafkasources/orders#orders","type":"com.example.order.placed","datacontenttype":"application/json","data":{"orderId":"o-1","quantity":2,"unitPrice":5}}""";

    public static IReadOnlyList<SubjectSpec> Create(Workspace workspace, FakeLambdaRuntimeApi lambdaApi)
    {
        var sample = new DotNetApp("samples/HelloHttp", "HelloHttp");
        var sampleAwsOnly = new DotNetApp("samples/HelloHttp", "HelloHttp", "aws", "PortableHost=aws");
        var sampleNoTelemetry = new DotNetApp("samples/HelloHttp", "HelloHttp", "nootel", "PortableTelemetry=off");
        var hello = new HttpProbe("GET", "/hello", 200, "Hello, world!");
        var eventPipeline = new DotNetApp("samples/EventPipeline", "EventPipeline");
        var lambdaHello = LambdaProbe.FromPayloadFile(lambdaApi, "apigw-v2-hello.json", "Hello, world!");
        string? SampleLacks(string adapter) => SampleReferences(workspace, adapter)
            ? null
            : $"samples/HelloHttp does not reference {adapter} on this checkout (merge main once the adapter lands)";

        return
        [
            new("knative", "Portable Knative/local host (samples/HelloHttp)", sample, hello, KestrelBaseline, s_none),
            // The same binary with OpenTelemetry switched on by the standard variables (OTLP to a closed
            // loopback port: exports happen in the background and fail quietly); "knative" is the same
            // sample with UseOpenTelemetry() called and no OTEL_* variable, i.e. switched off.
            new("knative-otel", "Portable Knative/local host with OpenTelemetry on (OTLP traces + metrics)", sample, hello, KestrelBaseline,
                new Dictionary<string, string>
                {
                    ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
                    ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                    ["OTEL_LOGS_EXPORTER"] = "none",
                }),
            new("knative-nootel", "Portable Knative/local host, built without UseOpenTelemetry() (-p:PortableTelemetry=off)", sampleNoTelemetry, hello, KestrelBaseline, s_none),
            new("gcf", "Portable GCF mode (FUNCTION_TARGET=hello)", sample, hello, KestrelBaseline,
                new Dictionary<string, string> { ["FUNCTION_TARGET"] = "hello", ["K_SERVICE"] = "hello" }, SampleLacks("Portable.Functions.Gcp")),
            new("aws", "Portable AWS Lambda bootstrap (API GW v2 event)", sample, lambdaHello, LambdaBaseline,
                new Dictionary<string, string> { ["_HANDLER"] = "hello", ["AWS_LAMBDA_FUNCTION_NAME"] = "coldstart" }, SampleLacks("Portable.Functions.Aws")),
            new(AwsOnly, "Portable AWS Lambda bootstrap, Lambda-only build (-p:PortableHost=aws)", sampleAwsOnly, lambdaHello, LambdaBaseline,
                new Dictionary<string, string> { ["_HANDLER"] = "hello", ["AWS_LAMBDA_FUNCTION_NAME"] = "coldstart" }, SampleLacks("Portable.Functions.Aws")),
            new("azure", "Portable Azure custom handler (HTTP trigger payload)", sample,
                HttpProbe.PostPayload("/hello", "azure-http-hello.json", "Hello, world!", "FUNCTIONS_CUSTOMHANDLER_PORT"), KestrelBaseline,
                s_none, SampleLacks("Portable.Functions.Azure")),
            // OpenFaaS: the function's own server as of-watchdog (mode=http) forks it; the probe stands in for
            // the watchdog and times the first forwarded request's answer.
            new("openfaas", "Portable OpenFaaS (behind of-watchdog, mode=http)", sample,
                new HttpProbe("GET", "/hello", 200, "Hello, world!", "upstream_url", PortFormat: "http://127.0.0.1:{0}"), KestrelBaseline,
                new Dictionary<string, string> { ["mode"] = "http", ["fprocess"] = "HelloHttp" }, SampleLacks("Portable.Functions.OpenFaaS")),
            new("openwhisk", "Portable OpenWhisk action (/init, then a web-action /run)", sample, new OpenWhiskProbe(), KestrelBaseline,
                new Dictionary<string, string> { ["__OW_API_HOST"] = "http://127.0.0.1:3233" }, SampleLacks("Portable.Functions.OpenWhisk")),
            // samples/EventPipeline: the first Kafka record as each platform delivers it (a KafkaSource's
            // CloudEvent over HTTP; an MSK event on the Runtime API), answered by the order function.
            new("eventpipeline-knative", "EventPipeline on the Knative host (a KafkaSource-delivered order CloudEvent)", eventPipeline,
                new HttpProbe("POST", "/", 200, "processed", Body: OrderCloudEvent, ContentType: "application/cloudevents+json"), KestrelBaseline, s_none),
            new("eventpipeline-aws", "EventPipeline Lambda bootstrap (Amazon MSK event, one binary-mode order record)", eventPipeline,
                LambdaProbe.FromPayloadFile(lambdaApi, "msk-order.json", "{}"), LambdaBaseline,
                new Dictionary<string, string> { ["_HANDLER"] = "process-order", ["AWS_LAMBDA_FUNCTION_NAME"] = "coldstart" }),
            new(KestrelBaseline, "Baseline: bare CreateSlimBuilder hello", new DotNetApp("benchmarks/Baselines/SlimHello", "SlimHello"), hello, null, s_none),
            new(LambdaBaseline, "Baseline: hand-written Lambda loop, no SDK", new DotNetApp("benchmarks/Baselines/ManualLambdaLoop", "ManualLambdaLoop"), lambdaHello, null, s_none),

            // The Lambda-only sample build publishes with IlcDehydrate=false (a start-up setting anyone can
            // use): these baselines get the same setting, so the SDK's own start-up cost shows apart from it.
            new(KestrelBaselineHydrated, "Baseline: bare CreateSlimBuilder hello, IlcDehydrate=false", Hydrated("benchmarks/Baselines/SlimHello", "SlimHello"), hello, null, s_none),
            new(LambdaBaselineHydrated, "Baseline: hand-written Lambda loop, IlcDehydrate=false", Hydrated("benchmarks/Baselines/ManualLambdaLoop", "ManualLambdaLoop"), lambdaHello, null, s_none),
            new(NodePeer, "Peer: Node.js @google-cloud/functions-framework", new NodeApp("benchmarks/Baselines/NodeHello", "@google-cloud/functions-framework", ["--target=hello"]), hello, null, s_none),
        ];
    }

    private static DotNetApp Hydrated(string project, string assembly) =>
        new(project, assembly, "hydrated", "IlcDehydrate=false") { Modes = [BuildMode.NativeAot] };

    private static bool SampleReferences(Workspace workspace, string project)
    {
        var csproj = Path.Combine(workspace.RepositoryRoot, "samples", "HelloHttp", "HelloHttp.csproj");
        return File.Exists(csproj) && File.ReadAllText(csproj).Contains(project + ".csproj", StringComparison.Ordinal);
    }
}
